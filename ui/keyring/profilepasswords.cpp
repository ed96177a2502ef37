#include "profilepasswords.h"

#include <qt6keychain/keychain.h>

namespace RagScope {

ProfilePasswords::ProfilePasswords(QObject* parent)
    : QObject(parent)
{ }

QString ProfilePasswords::service()
{
    return QStringLiteral("RagScope");
}

void ProfilePasswords::store(const StoreLocation& location)
{
    // No parent: the job deletes itself when the keyring answers, even after this object is
    // gone (the keyring's callback still points at it); `this` as context drops the answer then.
    auto* job = new QKeychain::WritePasswordJob(service());
    job->setInsecureFallback(false); // never a plain-text copy when no keyring answers
    job->setKey(location.urlWithoutPassword());
    job->setTextData(location.password);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* done) {
        if (done->error() == QKeychain::NoError)
            emit stored(true, QString());
        else
            emit stored(false,
                tr("The desktop keyring is not available (%1): the password was not saved.")
                    .arg(done->errorString().simplified())); // one line in the dialog
    });
    job->start();
}

void ProfilePasswords::lookUp(const StoreLocation& location)
{
    auto* job = new QKeychain::ReadPasswordJob(service());
    job->setInsecureFallback(false);
    const QString url = location.urlWithoutPassword();
    job->setKey(url);
    connect(job, &QKeychain::Job::finished, this, [this, url](QKeychain::Job* done) {
        // Not saved there, or no keyring: libpq still has ~/.pgpass and PGPASSWORD.
        if (done->error() == QKeychain::NoError)
            emit found(url, static_cast<QKeychain::ReadPasswordJob*>(done)->textData());
    });
    job->start();
}

} // namespace RagScope
