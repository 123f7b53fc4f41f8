import ArgumentParser
import ArticleClaims
import Foundation

/// The entry point: `extract SUBCOMMAND …` runs a subcommand, anything else extracts.
///
/// The extraction command takes paths as positional arguments, and ArgumentParser reads
/// a command's own arguments before it looks for a subcommand name, so subcommands are
/// dispatched here, by their name in first position.
@main
enum Main {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = Set(Extract.configuration.subcommands.map { $0._commandName })
        if let first = arguments.first, names.contains(first) {
            await Subcommands.main(arguments)
        } else if arguments.first == "help" {
            // `extract help values` as ArgumentParser prints it; `extract help` is `--help`.
            if arguments.count > 1 && names.contains(arguments[1]) {
                await Subcommands.main(arguments)
            } else {
                await Extract.main(["--help"])
            }
        } else {
            await Extract.main(arguments)
        }
    }
}

/// Runs the subcommands registered with ``Extract`` (`extract values …`).
struct Subcommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        subcommands: Extract.configuration.subcommands)
}

struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Turn saved entertainment-news pages into verifiable claims (claims/1).",
        usage: """
            extract [<options>] <path> ...
            extract values --jsonl <file>
            """,
        discussion: """
            Reads HTML pages, text dumps, directories of them, JSON Lines dumps and WARC \
            files, and prints one claims/1 result per document, in input order.

            Examples:
              extract page.html                          # one pretty JSON result
              extract --format text page.html            # the cleaned article body
              extract --format table page.html           # the claims, for people
              extract -f jsonl -o claims.jsonl pages/    # a directory, one line per page
              extract -f jsonl --include '*.html' pages/ # only the .html files
              extract -f jsonl dump.jsonl.gz             # {"id","html"|"text"|"content","published"?} lines
              extract -f jsonl -j 8 crawl.warc.gz        # HTML responses of a crawl
              curl -s https://example.org/a | extract -  # standard input

            Input (--input auto): names ending in .jsonl/.ndjson are JSON Lines, .warc is \
            WARC, anything else is one document; each may be gzip-compressed (.gz). \
            Directories are walked recursively in name order, skipping hidden entries.

            Output: --format json prints one pretty object per document (several \
            documents: one after the other, each followed by a newline); jsonl prints \
            one compact line per document. A document that cannot be read or processed \
            still gets its line, {"schema":"claims/1","source":{"id":…},"error":\
            {"code":…,"message":…}}, and a message on standard error. A summary \
            (documents, claims, errors by code, MB/s) is printed on standard error \
            after a run of several documents unless --quiet is given.

            Exit status: 0 when every document succeeded (or the reader of the output \
            closed it early, as in `extract pages/ | head -1`), 1 when a document failed \
            or the output could not be written, 64 for a usage error, 130 when \
            interrupted.
            """,
        subcommands: [Values.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, jsonl, text, table
    }

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Output format: json (pretty claims/1), jsonl (one compact line per document), text (the cleaned article body), table (the claims as a listing for people).",
        valueName: "format"))
    var format: Format = .json

    @Flag(name: .long, help: "Include the cleaned text (the \"text\" field) in JSON output.")
    var includeText = false

    @Option(name: .long, help: ArgumentHelp(
        "How to read files: auto (by name: .jsonl/.ndjson are JSON Lines, .warc is WARC, else one document), files (each file is one document), jsonl, warc. Also applies to '-'.",
        valueName: "mode"))
    var input: DocumentSource.InputMode = .auto

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Documents processed at the same time (default: the number of cores, \(ProcessInfo.processInfo.activeProcessorCount) here). Output order does not depend on it.",
        valueName: "n"))
    var jobs: Int?

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Write to this file instead of standard output. It is written under a temporary name in the same folder and renamed when the run completes, so an interrupted run never leaves a file that looks complete.",
        valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp(
        "Inside directories, read only files whose name or relative path matches this fnmatch pattern (repeatable), e.g. --include '*.html'.",
        valueName: "glob"))
    var include: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Inside directories, skip files and folders whose name or relative path matches this pattern (repeatable), e.g. --exclude 'drafts'.",
        valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Largest document to process; larger ones get a too-large error without being read. Accepts suffixes k, M, G (powers of 1024).",
        valueName: "size"))
    var maxBytes: ByteCount = ByteCount(64 << 20)

    @Flag(name: .long, help: "Stop at the first document that fails (exit status 1).")
    var failFast = false

    @Flag(name: .long, help: "Never draw the progress bar (it is drawn on standard error only when that is a terminal, TERM is not dumb and CI is unset).")
    var noProgress = false

    @Flag(name: .shortAndLong, help: "Print neither per-document error messages nor the summary on standard error.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp(
        "Resolve relative dates (\"next year\") against this date when an article states no date of its own, e.g. 2019-03-04.",
        valueName: "yyyy-mm-dd"))
    var referenceDate: String?

    @Argument(help: ArgumentHelp(
        "Files, directories, JSON Lines or WARC files to read; '-' reads standard input. To read a file named like a subcommand (values, help), write ./values.",
        valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty {
            throw ValidationError("Give at least one path, or '-' to read standard input.")
        }
        if let jobs, jobs < 1 {
            throw ValidationError("--jobs must be at least 1.")
        }
        if maxBytes.value < 1 {
            throw ValidationError("--max-bytes must be at least 1.")
        }
        if let referenceDate, parsedReference(referenceDate) == nil {
            throw ValidationError("--reference-date must be a date like 2019-03-04, not '\(referenceDate)'.")
        }
        if paths.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("'-' (standard input) can be given only once.")
        }
        if let output {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ValidationError("--output \(output) is a directory; give a file name.")
            }
            let folder = URL(fileURLWithPath: output).deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw ValidationError("--output \(output): the folder \(folder) does not exist.")
            }
        }
    }

    func parsedReference(_ text: String) -> ReferenceDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        guard let date = ReferenceDate(iso: text) else { return nil }
        let days = [31, date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0) ? 29 : 28,
                    31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return date.day <= days[date.month - 1] ? date : nil
    }

    func run() async throws {
        let settings = RunSettings(
            format: format,
            pipeline: PipelineOptions(includeText: includeText || format == .text,
                                      reference: referenceDate.flatMap(parsedReference),
                                      maxBytes: maxBytes.value),
            source: DocumentSource.Options(mode: input, include: include, exclude: exclude, maxBytes: maxBytes.value),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            output: output,
            failFast: failFast,
            progress: !noProgress,
            quiet: quiet,
            paths: paths)
        let status = await Runner(settings).run()
        if status != 0 { throw ExitCode(status) }
    }
}

extension DocumentSource.InputMode: ExpressibleByArgument {}

/// A byte count given as `65536`, `64k`, `64M`, `1G` (powers of 1024).
struct ByteCount: ExpressibleByArgument, CustomStringConvertible {
    var value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        var text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasSuffix("ib") { text.removeLast(2) } else if text.hasSuffix("b") { text.removeLast() }
        var shift = 0
        switch text.last {
        case "k": shift = 10
        case "m": shift = 20
        case "g": shift = 30
        default: break
        }
        if shift > 0 { text.removeLast() }
        guard let n = Int(text), n >= 0, n <= (Int.max >> shift) else { return nil }
        value = n << shift
    }

    var description: String {
        if value > 0 && value % (1 << 20) == 0 { return "\(value >> 20)M" }
        if value > 0 && value % (1 << 10) == 0 { return "\(value >> 10)k" }
        return "\(value)"
    }

    var defaultValueDescription: String { description }
}
