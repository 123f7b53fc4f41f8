import ArgumentParser
import ArticleClaims
import Foundation

/// `evaluate scrapinghub`: main-content extraction quality (and, with `--bench`, speed)
/// on the scrapinghub article-extraction benchmark.
///
/// The metric is the benchmark's own: lower-cased text, `\w+` Unicode word tokens,
/// 4-gram shingle multisets; per page, precision and recall of the overlap; the means
/// over pages (a page with empty output has no precision and recall 0); F1 of the means.
struct Scrapinghub: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrapinghub",
        abstract: "Main-content extraction F1 on the scrapinghub benchmark.")

    @Option(help: "The benchmark directory (html/, ground-truth.json, manifest.json).")
    var dir: String = "../shared/benchmarks/scrapinghub"

    @Option(help: "How many of the worst pages to list.")
    var worst: Int = 10

    @Option(help: "Print the cleaned text of one page (id prefix) and exit.")
    var show: String?

    @Option(help: ArgumentHelp("Clean one HTML file and print the text, blocks and removed parts.", visibility: .hidden))
    var file: String?

    @Flag(help: "Measure cleaning speed (one core) instead of quality.")
    var bench = false

    @Option(help: "With --bench: passes over all pages.")
    var iterations: Int = 5

    func run() throws {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let a = ArticleCleaner.clean([UInt8](data), options: .init(format: .html))
            print("title: \(a.title ?? "-")\npublished: \(a.published ?? "-")\n---")
            print(a.text)
            print("---")
            for b in a.blocks { print("block \(b.kind) \(b.text)") }
            for r in a.removed { print("removed \(r.kind) \(r.source) \"\(r.preview)\"") }
            for w in a.warnings { print("warning: \(w)") }
            if ProcessInfo.processInfo.environment["SHOW_RUNS"] != nil {
                let t = Array(a.text.utf8)
                for r in a.sourceMap.runs {
                    let src = String(decoding: data[r.source.range], as: UTF8.self)
                    print("run \(r.copied ? "C" : "R") \(String(decoding: t[r.text.range], as: UTF8.self).debugDescription) <- \(r.source) \(src.debugDescription)")
                }
            }
            return
        }
        let root = URL(fileURLWithPath: dir)
        let pages = try ScrapinghubPages.load(root)
        if bench {
            runBench(pages)
            return
        }
        if let show {
            guard let page = pages.pages.first(where: { $0.id.hasPrefix(show) }) else {
                throw ValidationError("no page with id prefix \(show)")
            }
            let article = ArticleCleaner.clean(page.html, options: .init(format: .html))
            let s = ShingleScore.score(truth: page.truth, predicted: article.text)
            print("# \(page.id)  P=\(fmt(s.precision ?? 0)) R=\(fmt(s.recall))")
            print("# title: \(article.title ?? "-")")
            print("# published: \(article.published ?? "-")")
            print(_HTMLCleanerDebug.explain(page.html))
            print(article.text)
            return
        }

        var scores: [(page: ScrapinghubPages.Page, score: ShingleScore)] = []
        for page in pages.pages {
            let article = ArticleCleaner.clean(page.html, options: .init(format: .html))
            scores.append((page, ShingleScore.score(truth: page.truth, predicted: article.text)))
        }
        let all = ShingleScore.aggregate(scores.map(\.score))
        let ent = ShingleScore.aggregate(scores.filter { pages.entertainment.contains($0.page.id) }.map(\.score))
        print("pages                 precision  recall     F1")
        print("all (\(scores.count))".padding(toLength: 22, withPad: " ", startingAt: 0)
              + "\(fmt(all.precision))      \(fmt(all.recall))      \(fmt(all.f1))")
        let entCount = scores.filter { pages.entertainment.contains($0.page.id) }.count
        print("entertainment (\(entCount))".padding(toLength: 22, withPad: " ", startingAt: 0)
              + "\(fmt(ent.precision))      \(fmt(ent.recall))      \(fmt(ent.f1))")
        if worst > 0 {
            print("\nworst pages (per-page F1):")
            let ranked = scores.sorted { $0.score.f1 < $1.score.f1 }.prefix(worst)
            for (page, s) in ranked {
                let tag = pages.entertainment.contains(page.id) ? " [ent]" : ""
                print("  \(fmt(s.f1))  P=\(fmt(s.precision ?? 0)) R=\(fmt(s.recall))  \(page.id.prefix(12))  \(page.url)\(tag)")
            }
        }
    }

    private func runBench(_ pages: ScrapinghubPages) {
        let totalBytes = pages.pages.reduce(0) { $0 + $1.html.count }
        // Warm-up pass.
        var sink = 0
        for page in pages.pages { sink &+= ArticleCleaner.clean(page.html, options: .init(format: .html)).text.utf8.count }
        var bestWall = Double.infinity, bestCPU = Double.infinity
        let passes = max(1, iterations)
        for _ in 0..<passes {
            let wall0 = DispatchTime.now().uptimeNanoseconds
            let cpu0 = threadCPUSeconds()
            for page in pages.pages {
                sink &+= ArticleCleaner.clean(page.html, options: .init(format: .html)).text.utf8.count
            }
            bestCPU = min(bestCPU, threadCPUSeconds() - cpu0)
            bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - wall0) / 1e9)
        }
        let mb = Double(totalBytes) / 1_000_000
        let n = Double(pages.pages.count)
        print("pages: \(pages.pages.count), input: \(String(format: "%.1f", mb)) MB, passes: \(passes), one thread")
        print("best pass, CPU time:  \(String(format: "%.3f", bestCPU)) s  -> \(String(format: "%.1f", mb / bestCPU)) MB/s, \(String(format: "%.0f", n / bestCPU)) pages/s")
        print("best pass, wall time: \(String(format: "%.3f", bestWall)) s  -> \(String(format: "%.1f", mb / bestWall)) MB/s, \(String(format: "%.0f", n / bestWall)) pages/s")
        if sink == 42 { print("") }
    }

    /// CPU time of the calling thread (unaffected by other processes competing for the cores).
    private func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
}

/// The benchmark pages with their ground truth.
struct ScrapinghubPages {
    struct Page {
        var id: String
        var url: String
        var html: [UInt8]
        var truth: String
    }

    var pages: [Page]
    var entertainment: Set<String>

    static func load(_ root: URL) throws -> ScrapinghubPages {
        let gtURL = root.appendingPathComponent("ground-truth.json")
        guard let gtData = try? Data(contentsOf: gtURL) else {
            throw ValidationError("cannot read \(gtURL.path); pass --dir")
        }
        guard let gt = try JSONSerialization.jsonObject(with: gtData) as? [String: [String: Any]] else {
            throw ValidationError("unexpected ground-truth.json structure")
        }
        var entertainment = Set<String>()
        if let mData = try? Data(contentsOf: root.appendingPathComponent("manifest.json")),
           let manifest = try JSONSerialization.jsonObject(with: mData) as? [String: Any],
           let subsets = manifest["subsets"] as? [String: Any],
           let ent = subsets["entertainment"] as? [String] {
            entertainment = Set(ent)
        }
        var pages: [Page] = []
        for id in gt.keys.sorted() {
            let entry = gt[id] ?? [:]
            let truth = entry["articleBody"] as? String ?? ""
            let url = entry["url"] as? String ?? ""
            let file = root.appendingPathComponent("html").appendingPathComponent("\(id).html")
            guard let data = try? Data(contentsOf: file) else {
                throw ValidationError("missing page \(file.path)")
            }
            pages.append(Page(id: id, url: url, html: [UInt8](data), truth: truth))
        }
        return ScrapinghubPages(pages: pages, entertainment: entertainment)
    }
}

/// Shingle precision and recall of one page, and their aggregation.
struct ShingleScore {
    /// `nil` when the prediction had no shingles (not counted in the mean).
    var precision: Double?
    /// 0 when the prediction was empty; `nil` when the truth had no shingles.
    var recall: Double
    var recallCounted: Bool

    var f1: Double {
        let p = precision ?? 0
        return p + recall > 0 ? 2 * p * recall / (p + recall) : 0
    }

    static func score(truth: String, predicted: String) -> ShingleScore {
        let t = shingles(truth), p = shingles(predicted)
        var tp = 0, fp = 0, fn = 0
        for (k, tc) in t {
            let pc = p[k] ?? 0
            tp += min(tc, pc)
            fn += max(0, tc - pc)
        }
        for (k, pc) in p { fp += max(0, pc - (t[k] ?? 0)) }
        let precision: Double? = tp + fp > 0 ? (fp == 0 && fn == 0 ? 1 : Double(tp) / Double(tp + fp)) : nil
        let recallCounted = tp + fn > 0
        let recall: Double = recallCounted ? (fp == 0 && fn == 0 ? 1 : Double(tp) / Double(tp + fn)) : 0
        return ShingleScore(precision: precision, recall: recall, recallCounted: recallCounted)
    }

    static func aggregate(_ scores: [ShingleScore]) -> (precision: Double, recall: Double, f1: Double) {
        let ps = scores.compactMap(\.precision)
        let rs = scores.filter(\.recallCounted).map(\.recall)
        let p = ps.isEmpty ? 0 : ps.reduce(0, +) / Double(ps.count)
        let r = rs.isEmpty ? 0 : rs.reduce(0, +) / Double(rs.count)
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
    }

    /// Lower-cased `\w+` tokens: Unicode letters, numbers and the underscore.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for s in text.lowercased().unicodeScalars {
            if isWord(s) {
                current.append(s)
            } else if !current.isEmpty {
                out.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    static func isWord(_ s: Unicode.Scalar) -> Bool {
        if s == "_" { return true }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// 4-gram shingles as a multiset (a text with fewer than four tokens is one shingle).
    static func shingles(_ text: String, n: Int = 4) -> [String: Int] {
        let toks = tokens(text)
        var out: [String: Int] = [:]
        guard !toks.isEmpty else { return out }
        let count = max(1, toks.count - n + 1)
        for i in 0..<count {
            let key = toks[i..<min(toks.count, i + n)].joined(separator: "\u{1F}")
            out[key, default: 0] += 1
        }
        return out
    }
}
