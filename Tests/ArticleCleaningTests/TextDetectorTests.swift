import Testing
@testable import ArticleCleaning

/// Input-kind detection on small cases (the dev set and benchmark pages are in ``TextDevSetTests``).
@Suite struct TextDetectorTests {
    func kind(_ s: String) -> InputFormat { InputKindDetector.detect(Array(s.utf8)) }

    @Test func documents() {
        #expect(kind("<!DOCTYPE html><html><body><p>x</p></body></html>") == .html)
        #expect(kind("  \n<html lang=\"en\"><head><title>t</title></head></html>") == .html)
        #expect(kind("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"></html>") == .html)
        #expect(kind("<!-- saved page --><!DOCTYPE html><html></html>") == .html)
        #expect(kind("<!--a--> <!--b-->\n<html><body>x</body></html>") == .html)
        #expect(kind("HTTP/1.1 200 OK\nContent-Type: text/html\n\n<!doctype html>\n<html><body>x</body></html>") == .html)
    }

    @Test func fragments() {
        #expect(kind("<div><p>Hello there.</p><p>World news today.</p></div>") == .html)
        #expect(kind("<p>One paragraph.</p>\n<p>Another paragraph.</p>\n") == .html)
        #expect(kind("\t\t<p><span class=\"x\"> </span></p>\n\n<p>Text <a href=\"/a\">link</a>.</p>") == .html)
    }

    @Test func textDumps() {
        #expect(kind("") == .text)
        #expect(kind("   \n\t ") == .text)
        #expect(kind("Sales fell as x<y in May.\n\nThen they rose.") == .text)
        #expect(kind("<3 this show so much\n\nIt returns in May.") == .text)
        #expect(kind("ript async src=\"\">\n\nHeadline\n\nBody.") == .text)
        #expect(kind("Headline\n\n<p>Body with <b>tags</b>.</p>\n<p>More <i>tags</i>.</p>") == .text)
        #expect(kind("A plain article.\nWith lines.\n<div class=\"ad\"") == .text)
    }

    @Test func frontMatterDumpsAreTextEvenWhenTheBodyIsHTML() {
        let dump = "---\nauthor: A\ndate: Jan 1, 2020\ntitle: T\n---\n\n<p><span>x</span></p>\n<p><a href=\"u\">y</a></p>\n"
        #expect(kind(dump) == .text)
        // A rule that is not front matter does not count.
        #expect(kind("---\n<p>a</p>\n<p>b</p>\n<p>c</p>") == .text)
    }

    @Test func nonUTF8InputIsDetectedAfterDecoding() {
        var raw: [UInt8] = [0xFF, 0xFE]
        for u in "<html><body>x</body></html>".utf16 { raw += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(ArticleCleaner.clean(raw).format == .html)
    }
}
