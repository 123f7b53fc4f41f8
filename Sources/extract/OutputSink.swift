import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where results go: standard output, or a file written atomically.
///
/// A file is written under a hidden temporary name in the same folder
/// (`.NAME.tmp-PID-RANDOM`) and renamed over `NAME` by ``commit()``; ``discard()``
/// (and the interrupt handler) remove it. A run that does not complete therefore never
/// leaves a file at `NAME` that looks complete.
final class OutputSink {
    enum Failure: Error {
        /// The reader closed the pipe (EPIPE): stop quietly.
        case closed
        /// Any other write error.
        case failed(String)
    }

    let fd: Int32
    let finalPath: String?
    let tempPath: String?

    /// Standard output.
    init() {
        fd = 1
        finalPath = nil
        tempPath = nil
    }

    /// A file, written atomically.
    init(path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temp = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // The interrupt handler learns the name before the file exists: a signal that arrives
        // right after `open` must still remove it.
        let cTemp = strdup(temp)
        Interrupt.tempPath = cTemp
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0 {
            let message = String(cString: strerror(errno))
            Interrupt.tempPath = nil
            free(cTemp)
            throw .failed("cannot create \(path): \(message)")
        }
        self.fd = fd
        self.finalPath = path
        self.tempPath = temp
    }

    func write(_ bytes: [UInt8]) throws(Failure) {
        let e = writeAll(fd, bytes)
        if e == 0 { return }
        if e == EPIPE { throw .closed }
        throw .failed("cannot write \(finalPath ?? "the output"): \(String(cString: strerror(e)))")
    }

    /// Makes the file visible under its final name.
    func commit() throws(Failure) {
        guard let finalPath, let tempPath else { return }
        defer { forget() }
        if fsync(fd) != 0 || close(fd) != 0 {
            let message = String(cString: strerror(errno))
            unlink(tempPath)
            throw .failed("cannot write \(finalPath): \(message)")
        }
        if rename(tempPath, finalPath) != 0 {
            let message = String(cString: strerror(errno))
            unlink(tempPath)
            throw .failed("cannot rename the output to \(finalPath): \(message)")
        }
    }

    /// Removes the temporary file.
    func discard() {
        guard let tempPath else { return }
        close(fd)
        unlink(tempPath)
        forget()
    }

    private func forget() {
        let p = Interrupt.tempPath
        Interrupt.tempPath = nil
        free(p)
    }
}
