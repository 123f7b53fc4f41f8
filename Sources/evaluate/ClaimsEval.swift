import ArgumentParser
import ArticleClaims
import Foundation

struct ClaimsEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Fact F1, traps and provenance on gold claim sets.",
        discussion: """
            Each SET is a folder holding *.gold.json files (directly or in gold/) whose `source` names an
            article in the same folder, in articles/, or in a sibling seeds/ folder.
            Example: evaluate claims Fixtures/gold Fixtures/dev --verbose
            """)

    @Argument(help: "Gold sets (folders). Default: Fixtures/gold and Fixtures/dev.")
    var sets: [String] = ["Fixtures/gold", "Fixtures/dev"]

    @Flag(name: .shortAndLong, help: "List misses, false positives, trap hits and cleaning failures per document.")
    var verbose = false

    @Option(name: .long, help: "Only documents whose file name contains this string.")
    var only: String?

    @Option(name: .long, help: "Benchmark the claims stage alone (one thread) over the cleaned text of every .html/.txt file under this folder, repeated for at least 5 s; build with -c release.")
    var bench: String?

    @Option(name: .long, help: "With --bench: run exactly this many passes instead of timing 5 s (for instruction counting under callgrind).")
    var benchPasses: Int?

    func run() throws {
        if let bench { try runBench(bench); return }
        var exitFailure = false
        for set in sets {
            let (score, perType, cleaningFailed, cleaningChecks) = try evaluate(set: set)
            print("== \(set): \(score)")
            let attr = score.attributesChecked == 0 ? 1 : Double(score.attributesRight) / Double(score.attributesChecked)
            print(String(format: "   attributes right %d/%d (%.3f); cleaning checks %d/%d",
                         score.attributesRight, score.attributesChecked, attr, cleaningChecks - cleaningFailed, cleaningChecks))
            for (type, s) in perType.sorted(by: { $0.key < $1.key }) {
                print("   \(type.padding(toLength: 13, withPad: " ", startingAt: 0)) \(s)")
            }
            if score.provenanceFailed > 0 { exitFailure = true }
        }
        if exitFailure { throw ExitCode(1) }
    }

    func runBench(_ dir: String) throws {
        let fm = FileManager.default
        var articles: [CleanedArticle] = []
        var bytes = 0
        guard let e = fm.enumerator(atPath: dir) else { throw ValidationError("cannot read \(dir)") }
        for case let p as String in e where p.hasSuffix(".html") || p.hasSuffix(".txt") {
            let data = Array(try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(p)))
            let a = ArticleCleaner.clean(data)
            articles.append(a)
            bytes += a.text.utf8.count
        }
        guard !articles.isEmpty else { throw ValidationError("no .html or .txt files under \(dir)") }
        var docs = 0, claims = 0, total = 0
        let clock = ContinuousClock()
        let start = clock.now
        var cpuStart = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpuStart)
        var passes = 0
        while benchPasses.map({ passes < $0 }) ?? (clock.now - start < .seconds(5)) {
            passes += 1
            for a in articles {
                claims += ClaimExtractor.extract(from: a).claims.count
                docs += 1
            }
            total += bytes
        }
        var cpuEnd = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpuEnd)
        let wall = clock.now - start
        let wallS = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        let cpuS = Double(cpuEnd.tv_sec - cpuStart.tv_sec) + Double(cpuEnd.tv_nsec - cpuStart.tv_nsec) / 1e9
        print("claims stage, one thread: \(articles.count) cleaned articles, \(String(format: "%.2f", Double(bytes) / 1e6)) MB of cleaned text per pass")
        print(String(format: "  %.1f MB/s (CPU time), %.1f MB/s (wall), %.0f documents/s (CPU), %d claims per pass",
                     Double(total) / 1e6 / cpuS, Double(total) / 1e6 / wallS, Double(docs) / cpuS, claims * articles.count / max(1, docs)))
    }

    func evaluate(set: String) throws -> (ClaimsScorer.Score, [String: ClaimsScorer.Score], Int, Int) {
        let fm = FileManager.default
        var goldDir = URL(fileURLWithPath: set)
        if fm.fileExists(atPath: goldDir.appendingPathComponent("gold").path) { goldDir.appendPathComponent("gold") }
        let files = try fm.contentsOfDirectory(atPath: goldDir.path).filter { $0.hasSuffix(".gold.json") }.sorted()
        var total = ClaimsScorer.Score()
        var perType: [String: ClaimsScorer.Score] = [:]
        var cleaningFailed = 0, cleaningChecks = 0
        for file in files where only.map({ file.contains($0) }) ?? true {
            let gold = try ClaimsScorer.Gold(json: Data(contentsOf: goldDir.appendingPathComponent(file)))
            let base = goldDir.deletingLastPathComponent()
            let candidates = [goldDir.appendingPathComponent(gold.source), base.appendingPathComponent("articles/\(gold.source)"),
                              base.appendingPathComponent("seeds/\(gold.source)")]
            guard let articleURL = candidates.first(where: { fm.fileExists(atPath: $0.path) }) else {
                print("!! \(file): article \(gold.source) not found"); continue
            }
            let bytes = Array(try Data(contentsOf: articleURL))
            let (result, article) = ClaimsPipeline.processWithArticle(bytes, sourceID: gold.source)
            let report = ClaimsScorer.score(result, text: article?.text, input: bytes, gold: gold)
            total += report.score
            for (k, v) in report.perType { perType[k, default: ClaimsScorer.Score()] += v }
            cleaningFailed += report.cleaningFailures.count
            cleaningChecks += report.cleaningChecks
            if verbose {
                print("-- \(gold.source): \(report.score)")
                for m in report.misses { print("   MISS  \(m)") }
                for m in report.falsePositives { print("   FP    \(m)") }
                for m in report.traps { print("   TRAP  \(m)") }
                for m in report.provenanceFailures { print("   PROV  \(m)") }
                for m in report.cleaningFailures { print("   CLEAN \(m)") }
            }
        }
        return (total, perType, cleaningFailed, cleaningChecks)
    }
}
