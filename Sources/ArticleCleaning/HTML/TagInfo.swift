import CArticleXML

/// Static facts about element names, indexed by `AX_TAG_*`.
enum TagInfo {
    /// Bit flags per tag.
    struct Traits: OptionSet {
        let rawValue: UInt16
        /// Starts and ends a block of text.
        static let block = Traits(rawValue: 1 << 0)
        /// Never holds article text (scripts, media, form controls, embedded documents).
        static let drop = Traits(rawValue: 1 << 1)
        /// h1–h6.
        static let heading = Traits(rawValue: 1 << 2)
        /// li, dt, dd.
        static let listItem = Traits(rawValue: 1 << 3)
        /// ul, ol, dl, menu.
        static let list = Traits(rawValue: 1 << 4)
        /// nav, menu: always navigation.
        static let navigation = Traits(rawValue: 1 << 5)
        /// header, footer, aside: page furniture outside an article body.
        static let furniture = Traits(rawValue: 1 << 6)
        /// table parts.
        static let table = Traits(rawValue: 1 << 7)
        /// Elements whose direct text is scored as a paragraph.
        static let paragraph = Traits(rawValue: 1 << 8)
    }

    static let traits: [Traits] = {
        var t = [Traits](repeating: [], count: Int(AX_TAG_COUNT) + 1)
        func set(_ tags: [Int], _ v: Traits) { for x in tags { t[Int(x)].formUnion(v) } }
        set([AX_TAG_ADDRESS, AX_TAG_ARTICLE, AX_TAG_ASIDE, AX_TAG_BLOCKQUOTE, AX_TAG_BODY, AX_TAG_CENTER,
             AX_TAG_DD, AX_TAG_DETAILS, AX_TAG_DIALOG, AX_TAG_DIV, AX_TAG_DL, AX_TAG_DT, AX_TAG_FIELDSET,
             AX_TAG_FIGCAPTION, AX_TAG_FIGURE, AX_TAG_FOOTER, AX_TAG_FORM, AX_TAG_H1, AX_TAG_H2, AX_TAG_H3,
             AX_TAG_H4, AX_TAG_H5, AX_TAG_H6, AX_TAG_HEADER, AX_TAG_HGROUP, AX_TAG_HR, AX_TAG_HTML, AX_TAG_LI,
             AX_TAG_MAIN, AX_TAG_MENU, AX_TAG_NAV, AX_TAG_OL, AX_TAG_P, AX_TAG_PRE, AX_TAG_SECTION,
             AX_TAG_SUMMARY, AX_TAG_TABLE, AX_TAG_TBODY, AX_TAG_TD, AX_TAG_TFOOT, AX_TAG_TH, AX_TAG_THEAD,
             AX_TAG_TR, AX_TAG_UL, AX_TAG_CAPTION, AX_TAG_BR, AX_TAG_LEGEND, AX_TAG_TITLE, AX_TAG_HEAD,
             AX_TAG_FRAMESET], .block)
        set([AX_TAG_SCRIPT, AX_TAG_STYLE, AX_TAG_NOSCRIPT, AX_TAG_TEMPLATE, AX_TAG_SVG, AX_TAG_MATH,
             AX_TAG_IFRAME, AX_TAG_FRAME, AX_TAG_OBJECT, AX_TAG_EMBED, AX_TAG_CANVAS, AX_TAG_VIDEO,
             AX_TAG_AUDIO, AX_TAG_MAP, AX_TAG_SELECT, AX_TAG_TEXTAREA, AX_TAG_BUTTON, AX_TAG_INPUT,
             AX_TAG_OPTION, AX_TAG_OPTGROUP, AX_TAG_DIALOG, AX_TAG_PARAM, AX_TAG_SOURCE, AX_TAG_PICTURE,
             AX_TAG_IMG, AX_TAG_LINK, AX_TAG_META, AX_TAG_BASE, AX_TAG_AREA, AX_TAG_RP, AX_TAG_PROGRESS,
             AX_TAG_METER, AX_TAG_OUTPUT, AX_TAG_MARQUEE], .drop)
        set([AX_TAG_H1, AX_TAG_H2, AX_TAG_H3, AX_TAG_H4, AX_TAG_H5, AX_TAG_H6], .heading)
        set([AX_TAG_LI, AX_TAG_DT, AX_TAG_DD], .listItem)
        set([AX_TAG_UL, AX_TAG_OL, AX_TAG_DL, AX_TAG_MENU], .list)
        set([AX_TAG_NAV, AX_TAG_MENU], .navigation)
        set([AX_TAG_HEADER, AX_TAG_FOOTER, AX_TAG_ASIDE], .furniture)
        set([AX_TAG_TABLE, AX_TAG_TBODY, AX_TAG_THEAD, AX_TAG_TFOOT, AX_TAG_TR, AX_TAG_TD, AX_TAG_TH,
             AX_TAG_CAPTION], .table)
        set([AX_TAG_P, AX_TAG_PRE, AX_TAG_TD, AX_TAG_BLOCKQUOTE, AX_TAG_DIV, AX_TAG_SECTION, AX_TAG_ARTICLE,
             AX_TAG_MAIN, AX_TAG_CENTER, AX_TAG_LI, AX_TAG_DD, AX_TAG_BODY], .paragraph)
        return t
    }()

    @inline(__always) static func of(_ tag: UInt16) -> Traits {
        let i = Int(tag)
        return i < traits.count ? traits[i] : []
    }
}
