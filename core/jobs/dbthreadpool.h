#pragma once

class QThreadPool;

namespace RagScope {

/// The threads that talk to stores. Bounded (so is the number of connections per store) and
/// kept alive, because each thread holds its own open connection.
QThreadPool* dbThreadPool();

} // namespace RagScope
