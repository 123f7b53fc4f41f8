import ArticleClaims
import Foundation
import Testing

/// One pathological input shape, generated at size `n`.
struct GrowthCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// The size to start calibrating from.
    var start: Int
    var format: InputFormat? = nil
    var make: @Sendable (Int) -> [UInt8]

    var testDescription: String { name }
}

/// Linear time: for each pathological input the work at size 2n is about twice the work at n.
///
/// Sizes are calibrated so one run at n takes at least ~60 ms of the thread's CPU time (debug
/// builds are slow, release builds fast: the calibration adapts; CPU time, not wall time, so that
/// other processes on the machine barely matter). The two sizes are timed alternately, the minimum of three
/// runs each is compared, and the test passes when t(2n) / t(n) < 3.2: a linear stage gives ~2, a
/// quadratic one ~4. Never an absolute time.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct LinearTimeTests {
    static let bound = 3.2

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let cases: [GrowthCase] = [
        GrowthCase(name: "long single line of prose", start: 250) { n in
            text(Hostile.repeated(n) { i in
                "\(Hostile.word(i)) Lindqvist stars as Elin Sand in a show that premiered in May with praise; "
            })
        },
        GrowthCase(name: "many sentences", start: 2_000) { n in
            text(Sample.title + "\n\n" + Hostile.repeated(n) { i in
                (i % 5 == 0 ? "\n\n" : "") + "The Glass Harbor drew praise from \(Hostile.word(i)) critics, who liked it! "
                    + (i % 7 == 0 ? "Was it good? " : "")
            })
        },
        GrowthCase(name: "many numbers", start: 1_000) { n in
            text(Sample.title + "\n\n" + Hostile.repeated(n, separator: " ") { i in
                "The Glass Harbor drew \(i * 37 + 1_000) views, more than \(i % 9 + 1).5 million streams and \(i % 90 + 2) episodes."
            })
        },
        GrowthCase(name: "many dates", start: 1_000) { n in
            text(Sample.title + "\n\n" + Hostile.repeated(n, separator: " ") { i in
                "The Glass Harbor premiered on \(months[i % 12]) \(i % 28 + 1), \(1990 + i % 40) and ended in \(2000 + i % 30)."
            })
        },
        GrowthCase(name: "many X as Y pairs", start: 1_000) { n in
            text(Sample.title + "\n\n" + Hostile.repeated(n, separator: " ") { i in
                "It stars \(Hostile.word(i)) \(Hostile.word(i, salt: 1)) as \(Hostile.word(i, salt: 2)) \(Hostile.word(i, salt: 3))."
            })
        },
        GrowthCase(name: "many X as Y pairs in one sentence", start: 1_000) { n in
            text(Sample.title + "\n\nIt stars " + Hostile.repeated(n, separator: ", ") { i in
                "\(Hostile.word(i)) \(Hostile.word(i, salt: 1)) as \(Hostile.word(i, salt: 2))"
            } + ".")
        },
        GrowthCase(name: "capitalised words only", start: 2_000) { n in
            text("Glass Harbor Story\n\n" + Hostile.repeated(n, separator: " ") { _ in "Glass Harbor Story The" } + ".")
        },
        GrowthCase(name: "title mentions inside one capitalised run", start: 1_000) { n in
            text("Glass Harbor Returns\n\n" + String(repeating: "Glass Harbor ", count: n) + "ends here.")
        },
        GrowthCase(name: "long first line with many capitalised runs", start: 500) { n in
            text(Hostile.repeated(n, separator: " ") { i in "\(Hostile.word(i)) \(Hostile.word(i, salt: 1)) said so" }
                 + "\n\n" + Hostile.repeated(n, separator: " ") { i in "We saw \(Hostile.word(i)) \(Hostile.word(i, salt: 1)) there." })
        },
        GrowthCase(name: "deep nesting", start: 5_000, format: .html) { n in
            text("<html><body>" + String(repeating: "<div>", count: n) + "<p>\(Sample.paragraphs[0])</p>"
                 + String(repeating: "</div>", count: n) + "</body></html>")
        },
        GrowthCase(name: "deep nesting never closed", start: 5_000, format: .html) { n in
            text("<html><body>" + String(repeating: "<div><span>", count: n) + "<p>\(Sample.paragraphs[0])")
        },
        GrowthCase(name: "many unclosed tags", start: 2_000, format: .html) { n in
            let tags = ["div", "p", "span", "b", "li", "td", "section", "font", "a href=x", "h2", "blockquote"]
            return text("<html><body>" + Hostile.repeated(n) { i in "<\(tags[i % tags.count])>word \(i) " })
        },
        GrowthCase(name: "nested headings", start: 4_000, format: .html) { n in
            text("<html><body>" + String(repeating: "<h1><div>", count: n) + "x" + "</body></html>")
        },
        GrowthCase(name: "nested datePublished holders", start: 8_000, format: .html) { n in
            text("<html><body>" + String(repeating: "<div itemprop=\"datePublished\">", count: n) + "not a date"
                 + String(repeating: "</div>", count: n) + "</body></html>")
        },
        GrowthCase(name: "nested hidden elements", start: 2_000, format: .html) { n in
            text("<html><body><p>\(Sample.paragraphs[0])</p>" + String(repeating: "<div hidden><span>", count: n) + "x")
        },
        GrowthCase(name: "entity storm", start: 2_000, format: .html) { n in
            let e = ["&#xD800;", "&amp;", "&foo;", "&#99999999999;", "&nbsp;", "&#x1F600;", "&#0;", "&lt;", "&rsquo;"]
            return text("<html><body><p>" + Hostile.repeated(n) { e[$0 % e.count] + "a " } + "</p></body></html>")
        },
        GrowthCase(name: "huge attribute", start: 50_000, format: .html) { n in
            text("<html><body><div class=\"" + String(repeating: "a b-c ", count: n) + "\" id=\""
                 + String(repeating: "x", count: n) + "\"><p>\(Sample.paragraphs[0])</p></div></body></html>")
        },
        GrowthCase(name: "many paragraphs", start: 1_000, format: .html) { n in
            text("<html><body><article>" + Hostile.repeated(n) { i in
                "<p>The Glass Harbor drew praise from \(Hostile.word(i)) critics, who liked it a lot.</p>"
            } + "</article></body></html>")
        },
        GrowthCase(name: "many link lists and comments", start: 1_000, format: .html) { n in
            text("<html><body><ul>" + Hostile.repeated(n) { i in
                "<li><a href=\"/x\(i)\">Related story \(i)</a></li><!-- c\(i) -->"
            } + "</ul><p>\(Sample.paragraphs[0])</p></body></html>")
        },
        GrowthCase(name: "many text-dump boilerplate lines", start: 1_000, format: .text) { n in
            let junk = ["Advertisement", "Share this article", "ript async src=\"\"></script>", "Related: The Other Show Returns",
                        "Comments are closed.", "Click here to subscribe to our newsletter!", "<div class=\"share\">",
                        "Photo: Agency / Credit", "---", "Tweet", "READ MORE:", "<a href=\"x\">Next</a>"]
            return text(Sample.title + "\n\n" + Hostile.repeated(n, separator: "\n") { i in
                i % 4 == 0 ? Sample.paragraphs[i / 4 % 3] : junk[i % junk.count]
            })
        },
        GrowthCase(name: "one long word", start: 200_000) { n in
            text(String(repeating: "A", count: n))
        },
    ]

    @Test(arguments: cases)
    func growsLinearly(_ c: GrowthCase) {
        let options = PipelineOptions(format: c.format)
        func run(_ b: [UInt8]) -> Double {
            Hostile.cpuTime { _ = ClaimsPipeline.process(b, sourceID: c.name, options: options) }
        }
        // Calibrate: the smallest doubling of `start` whose run takes at least 60 ms.
        var n = c.start
        var input = c.make(n)
        while run(input) < 0.06 && n < c.start << 10 {
            n *= 2
            input = c.make(n)
        }
        let big = c.make(2 * n)
        var small = Double.infinity, large = Double.infinity
        for round in 0..<8 {
            small = min(small, run(input))
            large = min(large, run(big))
            // Three rounds normally; up to eight when a noisy machine blurs the first three.
            if round >= 2 && large / small < Self.bound { break }
        }
        let ratio = large / small
        print(String(format: "linear: %@: n=%d (%d bytes) t(n)=%.1f ms t(2n)=%.1f ms ratio=%.2f",
                     c.name, n, input.count, small * 1000, large * 1000, ratio))
        #expect(ratio < Self.bound, "\(c.name): t(2n)/t(n) = \(ratio) at n = \(n)")
    }
}
