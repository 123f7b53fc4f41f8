import ArticleClaims
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes all of `bytes` to `fd`; returns the errno of a failed write, or 0.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
    bytes.withUnsafeBufferPointer { p -> Int32 in
        var offset = 0
        while offset < p.count {
            let n = write(fd, p.baseAddress.map { $0 + offset }, p.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }
}

/// Monotonic time in seconds.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Standard error: messages, and the progress bar when it is a terminal.
final class Terminal {
    let barEnabled: Bool
    let stdoutIsTerminal: Bool
    var barShown = false
    var lastDraw = 0.0

    /// - Parameter wantBar: false for `--no-progress`.
    init(wantBar: Bool) {
        let env = ProcessInfo.processInfo.environment
        barEnabled = wantBar && isatty(2) != 0 && env["TERM"] != "dumb" && env["CI"] == nil
        stdoutIsTerminal = isatty(1) != 0
        if barEnabled { ProgressLine.active = true }
    }

    /// Prints a line on standard error (clearing the bar first).
    func message(_ text: String) {
        clear()
        _ = writeAll(2, Array((text + "\n").utf8))
    }

    /// Call before writing to standard output (which may be the same terminal).
    func beforeOutput() {
        if stdoutIsTerminal { clear() }
    }

    func clear() {
        if barShown {
            _ = writeAll(2, Array("\r\u{1B}[K".utf8))
            barShown = false
        }
    }

    /// Redraws the bar, at most every 50 ms.
    func update(_ stats: Stats, read: ReadProgress, totalDocuments: Int?) {
        guard barEnabled else { return }
        let now = monotonicSeconds()
        if now - lastDraw < 0.05 { return }
        lastDraw = now
        let elapsed = now - stats.start
        var parts: [String] = []
        if let totalDocuments {
            parts.append("\(stats.documents)/\(totalDocuments) documents")
        } else {
            parts.append("\(stats.documents) documents")
        }
        if stats.failed > 0 { parts.append("\(stats.failed) failed") }
        parts.append(String(format: "%.1f MB", Double(stats.bytes) / 1e6))
        if elapsed > 0.2 { parts.append(String(format: "%.1f MB/s", Double(stats.bytes) / 1e6 / elapsed)) }
        var fraction: Double?
        if let totalDocuments, totalDocuments > 0 {
            fraction = Double(stats.documents) / Double(totalDocuments)
        } else if let total = read.total, total > 0 {
            fraction = min(1, Double(read.read) / Double(total))
        }
        var line = ""
        if let fraction {
            let width = 20
            let filled = Int(fraction * Double(width))
            line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            line += String(format: "%3.0f%% ", fraction * 100)
            if fraction > 0.01 && elapsed > 1 {
                let left = Int(elapsed * (1 - fraction) / fraction)
                parts.append(String(format: "ETA %d:%02d", left / 60, left % 60))
            }
        }
        line += parts.joined(separator: "  ")
        let columns = terminalColumns()
        if line.count > columns - 1 { line = String(line.prefix(max(0, columns - 1))) }
        _ = writeAll(2, Array(("\r\u{1B}[K" + line).utf8))
        barShown = true
    }

    func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

/// Whether a progress bar may be on screen (the interrupt handler then clears it).
enum ProgressLine {
    nonisolated(unsafe) static var active = false
}

/// SIGINT, SIGTERM and SIGHUP: remove the temporary output file, clear the progress
/// bar, exit with 128 + the signal number. The handler touches only these globals,
/// set before the run starts, and async-signal-safe calls (unlink, write, _exit).
enum Interrupt {
    /// The temporary output file to remove on SIGINT/SIGTERM/SIGHUP.
    nonisolated(unsafe) static var tempPath: UnsafeMutablePointer<CChar>?

    static func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { signo in
                if let p = Interrupt.tempPath { unlink(p) }
                if ProgressLine.active {
                    let clear: (UInt8, UInt8, UInt8, UInt8) = (0x0D, 0x1B, 0x5B, 0x4B)
                    withUnsafeBytes(of: clear) { _ = write(2, $0.baseAddress, 4) }
                }
                _exit(128 + signo)
            }
        }
    }
}
