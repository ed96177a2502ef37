#pragma once

#include "store/storelocation.h"

#include <QObject>

namespace RagScope {

/// Passwords of saved connection profiles in the desktop keyring (the Secret Service, KWallet,
/// … through QtKeychain), keyed by the profile's URL without password. Every call returns at
/// once; the keyring answers later through the signals, so the GUI thread never waits for it.
class ProfilePasswords : public QObject
{
    Q_OBJECT
public:
    explicit ProfilePasswords(QObject* parent = nullptr);

    /// The keyring's service name (the "service" attribute of the entries).
    static QString service();

    /// Stores `location.password` for the profile; stored() reports the outcome.
    void store(const StoreLocation& location);
    /// Looks the profile's password up; found() reports it (not a missing entry or an error).
    void lookUp(const StoreLocation& location);

signals:
    /// `error` is one clear line when the keyring is unreachable or refused (ok is false).
    void stored(bool ok, const QString& error);
    void found(const QString& profileUrl, const QString& password);
};

} // namespace RagScope
