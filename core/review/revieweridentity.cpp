#include "revieweridentity.h"

#include <QCoreApplication>

#include "feedback/feedbackrules.h"

namespace RagScope::ReviewerIdentity {

QString osUser()
{
    for (const char* name : { "USER", "USERNAME", "LOGNAME" }) {
        const QString user = qEnvironmentVariable(name).trimmed();
        if (!user.isEmpty())
            return user;
    }
    return QStringLiteral("reviewer");
}

Result<QString> resolve(const Store& store, const QString& profileOverride)
{
    const QString chosen = profileOverride.trimmed();
    if (!chosen.isEmpty()) {
        if (const Status rule = FeedbackRules::validateReviewer(chosen); !rule.ok())
            return rule.error();
        return chosen;
    }
    if (store.dialect() == Dialect::Sqlite)
        return osUser();
    RAGSCOPE_TRY(q, store.exec(QStringLiteral("SELECT CAST(current_user AS text)")));
    if (!q.next())
        return makeError(ErrorKind::Internal,
            QCoreApplication::translate("RagScope::ReviewerIdentity", "current_user returned no row"));
    return q.value(0).toString();
}

} // namespace RagScope::ReviewerIdentity
