/// Which rule families a sentence can possibly fire, from one look-up per token.
///
/// Every family names the words without which none of its patterns can match; a sentence that
/// holds none of them skips the family. This keeps the cost of the rules proportional to the
/// sentences that matter instead of to every token times every family.
struct Triggers: OptionSet {
    let rawValue: UInt8
    static let cast = Triggers(rawValue: 1)
    static let crew = Triggers(rawValue: 2)
    static let company = Triggers(rawValue: 4)
    static let basedOn = Triggers(rawValue: 8)
    static let renewal = Triggers(rawValue: 16)
    static let season = Triggers(rawValue: 32)

    static let cast0 = WordSet(PeopleRules.playVerbs.keys + PeopleRules.byVerbsCast.keys + PeopleRules.listIntro.keys
        + [PeopleRules.asW, PeopleRules.voiceW, Tokenizer.hash("("), Tokenizer.hash("co-starring"), Tokenizer.hash("co-star")])
    static let crew0 = WordSet(Array(PeopleRules.roleVerbs.keys) + Array(PeopleRules.roleNounMap.keys)
        + ["partner", "wrote", "co-wrote", "penned", "scripted", "directorial"].map(Tokenizer.hash))
    /// A word that can start or end a company name (a possessive capitalised word opens the family too).
    static let company0 = WordSet(CompanyRules.tableKeys.keys + Lex.companySuffix.keys + ["studio", "studios"].map(Tokenizer.hash))
    static let basedOn0 = WordSet(["based", "adapted", "inspired", "adaptation", "adapts", "adapting"].map(Tokenizer.hash))
    static let renewal0 = WordSet(RenewalRules.topic.keys + RenewalRules.announceWords.keys
        + ["season", "installment", "instalment", "part", "chapter", "back", "episodes", "talks", "negotiations", "sequel"].map(Tokenizer.hash))
    /// Season words, ordinals, and "S1" … "S9" (``Subjects/season(_:in:)`` reads a capital "S" and a digit).
    static let season0 = WordSet(["season", "part", "chapter", "volume", "series", "installment", "instalment", "sequel"].map(Tokenizer.hash)
        + Subjects.ordinalKeys.keys + (1...9).map { Tokenizer.hash("s\($0)") })

    // A company draft needs a context besides the name (``CompanyRules/companies(_:_:)``): a verb of
    // airing or distribution or a genre noun ("on-X", "distribution-from-X", "X-genre"), or a
    // subject verb and a platform word ("X-verb-the-show"). The genre noun may be the first token
    // after the sentence (the word right after a name that ends it).
    static let companyContext0 = WordSet(CompanyRules.onVerbs.keys + K.any_distribution_licensed_available.keys
        + CompanyRules.genreNouns.keys + K.any_comedy_drama.keys)
    static let companySubjectVerb: UInt16 = 1 << 8, companyPlatform: UInt16 = 1 << 9, companyContext: UInt16 = 1 << 10

    /// Every trigger word with the families (low byte) and company contexts it opens.
    static let all: TriggerTable = {
        var pairs: [(UInt64, UInt16)] = []
        for (set, bit) in [(cast0, UInt16(Triggers.cast.rawValue)), (crew0, UInt16(Triggers.crew.rawValue)),
                           (company0, UInt16(Triggers.company.rawValue)), (basedOn0, UInt16(Triggers.basedOn.rawValue)),
                           (renewal0, UInt16(Triggers.renewal.rawValue)), (season0, UInt16(Triggers.season.rawValue)),
                           (companyContext0, companyContext), (CompanyRules.subjectVerbs, companySubjectVerb),
                           (K.any_platform_service_renewed_etc, companyPlatform)] {
            pairs += set.keys.map { ($0, bit) }
        }
        return TriggerTable(pairs, spread: 8)
    }()

    /// The families sentence `s` can fire.
    static func of(_ d: Doc, _ s: Sentence, _ table: TriggerTable) -> Triggers {
        var bits: UInt16 = 0
        // a capitalised possessive ("Netflix's") opens the company family: 1 when one was seen
        var possessive: UInt16 = 0
        d.tokens.withUnsafeBufferPointer { toks in
            table.withLookup { flags in
                for i in s.tokens {
                    let tok = toks[i]
                    bits |= flags(tok.hash)
                    possessive |= (tok.isPossessive ? 1 : 0) & (tok.isCapitalized ? 1 : 0)
                }
                let z = s.tokens.upperBound
                if z >= 0, z < toks.count { bits |= flags(toks[z].hash) & companyContext }
            }
        }
        bits |= possessive * UInt16(Triggers.company.rawValue)
        let company = UInt16(Triggers.company.rawValue)
        let pair = companySubjectVerb | companyPlatform
        if bits & companyContext == 0 && bits & pair != pair { bits &= ~company }
        return Triggers(rawValue: UInt8(truncatingIfNeeded: bits))
    }
}

/// 16 bits of flags per token hash, in a sparse table (load ≤ 1/8): ``Triggers`` probes it once
/// for every token of every sentence.
typealias TriggerTable = WordFlags<UInt16>
