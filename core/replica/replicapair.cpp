#include "replicapair.h"

#include <QCoreApplication>

namespace RagScope {

Result<StorePtr> ReplicaPair::open(
    const StoreLocation& read, const StoreLocation& write, Store::OpenOptions writeOptions)
{
    writeOptions.access = Store::Access::Write;
    // The primary first: a migration it runs reaches the replica by replication.
    RAGSCOPE_TRY(writer, Store::open(write, writeOptions));
    if (writer->isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::ReplicaPair", "the write store cannot take writes: %1")
                .arg(writer->readOnlyReason()));
    Store::OpenOptions reading;
    reading.access = Store::Access::Read;
    RAGSCOPE_TRY(reader, Store::open(read, reading));
    reader->setWriter(writer);
    return StorePtr(reader);
}

} // namespace RagScope
