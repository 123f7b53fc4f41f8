import Foundation

/// Runs a per-document function over a stream of documents on several cores and yields
/// the outputs **in input order**, with bounded memory.
///
/// Inputs come from any `AsyncSequence` of ``BatchInput`` (``DocumentSource`` reads
/// files, directories, JSON Lines and WARC; ``BatchInputs`` wraps an array). Outputs come
/// out as an `AsyncSequence` that you iterate with `for try await`:
///
/// ```swift
/// let source = DocumentSource(paths: ["crawl.warc.gz"])
/// let batch = BatchProcessor(jobs: 4, options: PipelineOptions())
/// for try await result in batch.results(for: source) {
///     print(result.source.id, result.claims.count)
/// }
/// ```
///
/// To do more work in parallel than the pipeline (serialising, say), give your own
/// transform; the `extract` command renders each document's JSON this way:
///
/// ```swift
/// let batch = BatchProcessor(jobs: 2) { input in
///     let result = ClaimsPipeline.process(input)
///     return (try? JSONWriter.encode(result)) ?? []
/// }
/// ```
///
/// ## Ordering, concurrency and memory
///
/// - At most ``jobs`` documents are processed at the same time (on Swift's global
///   concurrent executor, whose width is the number of cores, so `jobs` above the core
///   count adds nothing). Among the documents read and waiting, the largest starts
///   first, so that a long document does not run alone at the end.
/// - At most ``window`` documents, and about ``maxInFlightBytes`` of input, are between
///   being read and being handed to you: the input sequence is not asked for document
///   *n* + `window` before you have taken output *n*, nor for another document while the
///   documents in flight hold `maxInFlightBytes` (one document is always let through,
///   however large). A slow document holds back the outputs behind it (they wait,
///   finished, in the window) but never reorders them. Memory is therefore bounded by
///   the window, whatever the length of the input.
/// - Nothing is dropped: every input yields exactly one output, in order. If the input
///   sequence throws, the outputs of the documents before the error are yielded first,
///   then the error is thrown.
/// - Stop iterating (or cancel the iterating task) to stop the batch: documents not yet
///   started are not started, and the input sequence is not read further.
public struct BatchProcessor<Output: Sendable>: Sendable {
    /// The maximum number of documents processed at the same time.
    public let jobs: Int
    /// The maximum number of documents read but not yet taken by the consumer.
    public let window: Int
    /// The input bytes in flight above which no further document is read.
    public let maxInFlightBytes: Int
    let transform: @Sendable (BatchInput) -> Output

    /// Creates a batch processor that applies `transform` to every input.
    /// - Parameters:
    ///   - jobs: documents processed at once; at least 1. The default is the number of cores.
    ///   - window: documents in flight (read, processing, or finished and waiting for
    ///     their turn); at least `jobs`. The default is `8 × jobs`.
    ///   - maxInFlightBytes: input bytes in flight above which reading waits; the default
    ///     is 128 MiB.
    ///   - transform: the per-document work. It runs concurrently on several threads.
    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int? = nil,
                maxInFlightBytes: Int? = nil, transform: @escaping @Sendable (BatchInput) -> Output) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs, window ?? 8 * self.jobs)
        self.maxInFlightBytes = max(1, maxInFlightBytes ?? 128 << 20)
        self.transform = transform
    }

    /// The outputs for `inputs`, in input order.
    public func results<Inputs: AsyncSequence & Sendable>(for inputs: Inputs) -> BatchResults<Inputs, Output>
    where Inputs.Element == BatchInput {
        BatchResults(inputs: inputs, jobs: jobs, window: window, maxInFlightBytes: maxInFlightBytes, transform: transform)
    }
}

extension BatchProcessor where Output == DocumentResult {
    /// Creates a batch processor that runs ``ClaimsPipeline`` on every input.
    /// Inputs that carry an error yield their error result.
    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int? = nil,
                maxInFlightBytes: Int? = nil, options: PipelineOptions) {
        self.init(jobs: jobs, window: window, maxInFlightBytes: maxInFlightBytes) { input in
            ClaimsPipeline.process(input, options: options)
        }
    }
}

/// The outputs of a ``BatchProcessor`` run, in input order.
///
/// Iterating starts the run; each iterator runs the batch once. Dropping the iterator
/// stops the run.
public struct BatchResults<Inputs: AsyncSequence & Sendable, Output: Sendable>: AsyncSequence, Sendable
where Inputs.Element == BatchInput {
    public typealias Element = Output

    let inputs: Inputs
    let jobs: Int
    let window: Int
    let maxInFlightBytes: Int
    let transform: @Sendable (BatchInput) -> Output

    public func makeAsyncIterator() -> Iterator {
        Iterator(run: BatchRun(inputs: inputs, jobs: jobs, window: window, maxInFlightBytes: maxInFlightBytes,
                               transform: transform))
    }

    /// Yields the outputs in input order.
    public struct Iterator: AsyncIteratorProtocol {
        let run: BatchRun<Inputs, Output>

        /// The next output, `nil` after the last one. Throws what the input sequence threw,
        /// after the outputs of the documents before it.
        public mutating func next() async throws -> Output? {
            try await run.next()
        }
    }
}

/// One run of a batch: the driver task and the state it shares with the consumer.
final class BatchRun<Inputs: AsyncSequence & Sendable, Output: Sendable>: Sendable where Inputs.Element == BatchInput {
    let state: BatchState<Output>
    let inputs: Inputs
    let jobs: Int
    let transform: @Sendable (BatchInput) -> Output
    private let driver = Locked<Task<Void, Never>?>(nil)

    init(inputs: Inputs, jobs: Int, window: Int, maxInFlightBytes: Int,
         transform: @escaping @Sendable (BatchInput) -> Output) {
        self.state = BatchState(window: window, maxBytes: maxInFlightBytes, jobs: jobs)
        self.inputs = inputs
        self.jobs = jobs
        self.transform = transform
    }

    deinit {
        state.shutdown()
        driver.withLock { $0?.cancel() }
    }

    func next() async throws -> Output? {
        startIfNeeded()
        let state = self.state
        return try await withTaskCancellationHandler {
            try await state.take()
        } onCancel: {
            state.shutdown()
        }
    }

    private func startIfNeeded() {
        driver.withLock { task in
            guard task == nil else { return }
            let state = self.state
            let inputs = self.inputs
            let transform = self.transform
            let window = state.window
            task = Task {
                await BatchRun.drive(inputs: inputs, state: state, window: window, transform: transform)
            }
        }
    }

    private static func drive(inputs: Inputs, state: BatchState<Output>, window: Int,
                              transform: @escaping @Sendable (BatchInput) -> Output) async {
        await withTaskGroup(of: Void.self) { group in
            var iterator = inputs.makeAsyncIterator()
            var index = 0
            var children = 0
            do {
                while await state.reserve() {
                    guard let input = try await iterator.next() else { break }
                    let i = index
                    index += 1
                    state.record(i, bytes: input.bytes.count)
                    group.addTask {
                        guard await state.acquireJob(size: input.bytes.count) else { return }
                        let output = transform(input)
                        state.releaseJob()
                        state.deliver(i, output)
                    }
                    children += 1
                    // Collect finished children so that they do not pile up in the group.
                    if children > window {
                        _ = await group.next()
                        children -= 1
                    }
                }
                state.finish(total: index, error: nil)
            } catch {
                state.finish(total: index, error: error)
            }
        }
    }
}

/// The state shared by the driver, the workers and the consumer of one batch run.
final class BatchState<Output: Sendable>: @unchecked Sendable {
    let window: Int
    let maxBytes: Int
    private let lock = NSLock()
    // Everything below is guarded by `lock`.
    private var results: [Int: Output] = [:]
    private var nextOut = 0
    private var issued = 0
    private var sizes: [Int: Int] = [:]
    private var bytesInFlight = 0
    private var total: Int?
    private var inputError: (any Error)?
    private var cancelled = false
    private var producer: CheckedContinuation<Bool, Never>?
    private var consumer: CheckedContinuation<Void, Never>?
    private var permits: Int
    /// Documents waiting for a permit: their size and their continuation.
    private var gate: [(size: Int, continuation: CheckedContinuation<Bool, Never>)] = []

    init(window: Int, maxBytes: Int, jobs: Int) {
        self.window = window
        self.maxBytes = maxBytes
        self.permits = jobs
    }

    /// Whether another document may be read (called with `lock` held).
    private var hasRoom: Bool {
        let n = issued - nextOut
        return n < window && (n == 0 || bytesInFlight < maxBytes)
    }

    /// Records the size of document `index`, read and about to be processed.
    func record(_ index: Int, bytes: Int) {
        lock.lock()
        sizes[index] = bytes
        bytesInFlight += bytes
        lock.unlock()
    }

    /// Waits for room in the window; false when the run was stopped.
    func reserve() async -> Bool {
        await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            lock.lock()
            if cancelled {
                lock.unlock()
                c.resume(returning: false)
            } else if hasRoom {
                issued += 1
                lock.unlock()
                c.resume(returning: true)
            } else {
                producer = c
                lock.unlock()
            }
        }
    }

    /// Waits for one of the `jobs` permits; false when the run was stopped.
    func acquireJob(size: Int) async -> Bool {
        await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            lock.lock()
            if cancelled {
                lock.unlock()
                c.resume(returning: false)
            } else if permits > 0 {
                permits -= 1
                lock.unlock()
                c.resume(returning: true)
            } else {
                gate.append((size, c))
                lock.unlock()
            }
        }
    }

    /// Returns a permit, handing it to the largest waiting document (the oldest of equals):
    /// starting long documents first keeps the workers busy to the end of the run. The
    /// window bounds how long a small document can be passed over.
    func releaseJob() {
        lock.lock()
        guard !gate.isEmpty else {
            permits += 1
            lock.unlock()
            return
        }
        var best = 0
        for k in 1..<gate.count where gate[k].size > gate[best].size { best = k }
        let c = gate.remove(at: best).continuation
        lock.unlock()
        c.resume(returning: true)
    }

    /// Stores the output of document `index`.
    func deliver(_ index: Int, _ output: Output) {
        lock.lock()
        if cancelled { lock.unlock(); return }
        results[index] = output
        var wake: CheckedContinuation<Void, Never>?
        if index == nextOut { wake = consumer; consumer = nil }
        lock.unlock()
        wake?.resume()
    }

    /// Records that the inputs ended after `total` documents (with `error` if they threw).
    func finish(total: Int, error: (any Error)?) {
        lock.lock()
        self.total = total
        self.inputError = error
        let wake = consumer
        consumer = nil
        lock.unlock()
        wake?.resume()
    }

    /// Stops the run: wakes everyone; nothing new is started.
    func shutdown() {
        lock.lock()
        cancelled = true
        let p = producer, c = consumer
        producer = nil
        consumer = nil
        let waiting = gate.map(\.continuation)
        gate = []
        results = [:]
        lock.unlock()
        p?.resume(returning: false)
        c?.resume()
        for w in waiting { w.resume(returning: false) }
    }

    private enum Step {
        case output(Output, CheckedContinuation<Bool, Never>?)
        case end((any Error)?)
        case wait
    }

    private func step() -> Step {
        // Called with `lock` held.
        if cancelled { return .end(nil) }
        if let output = results.removeValue(forKey: nextOut) {
            bytesInFlight -= sizes.removeValue(forKey: nextOut) ?? 0
            nextOut += 1
            var wake: CheckedContinuation<Bool, Never>?
            if let p = producer, hasRoom {
                issued += 1
                producer = nil
                wake = p
            }
            return .output(output, wake)
        }
        if let total, nextOut >= total { return .end(inputError) }
        return .wait
    }

    /// The next output in order; nil at the end or when stopped.
    func take() async throws -> Output? {
        while true {
            switch lock.withLock({ step() }) {
            case let .output(output, wake):
                wake?.resume(returning: true)
                return output
            case let .end(error):
                if let error {
                    lock.withLock { inputError = nil }
                    throw error
                }
                return nil
            case .wait:
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    lock.lock()
                    let ready = cancelled || results[nextOut] != nil || (total.map { nextOut >= $0 } ?? false)
                    if ready {
                        lock.unlock()
                        c.resume()
                    } else {
                        consumer = c
                        lock.unlock()
                    }
                }
            }
        }
    }
}

/// Wraps a collection of inputs as an `AsyncSequence` for ``BatchProcessor``.
///
/// ```swift
/// let inputs = BatchInputs([BatchInput(id: "a", bytes: Array("<p>Hi</p>".utf8))])
/// for try await result in BatchProcessor(options: .init()).results(for: inputs) { … }
/// ```
public struct BatchInputs<Base: Sequence & Sendable>: AsyncSequence, Sendable where Base.Element == BatchInput {
    public typealias Element = BatchInput
    let base: Base

    /// Wraps `base`.
    public init(_ base: Base) { self.base = base }

    public func makeAsyncIterator() -> Iterator { Iterator(base: base.makeIterator()) }

    /// Yields the wrapped inputs in order.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.Iterator
        public mutating func next() async -> BatchInput? { base.next() }
    }
}
