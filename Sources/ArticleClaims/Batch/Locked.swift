import Foundation

/// Mutable state behind a lock, shareable between tasks and threads.
final class Locked<State>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    init(_ state: State) { self.state = state }

    @inline(__always)
    func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}

/// Counts the raw bytes a ``DocumentSource`` has read, for progress reports.
///
/// ``total`` is known when every input is a regular file named directly (no directory,
/// no standard input); ``read`` counts file bytes as read from disk (compressed bytes for
/// `.gz` inputs), so `read / total` is the fraction of the input consumed.
public final class ReadProgress: Sendable {
    private let state = Locked<(read: Int, total: Int?)>((0, nil))

    public init() {}

    /// Raw bytes read so far.
    public var read: Int { state.withLock { $0.read } }

    /// The total size of the input when it is known in advance.
    public var total: Int? { state.withLock { $0.total } }

    func addRead(_ n: Int) { state.withLock { $0.read += n } }
    func setTotal(_ n: Int?) { state.withLock { $0.total = n } }
}
