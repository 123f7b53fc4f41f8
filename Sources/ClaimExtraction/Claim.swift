import ArticleCleaning

/// The kinds of fact the extractor reports (the `type` field of a claim).
public enum ClaimType: String, Sendable, Codable, Hashable, CaseIterable {
    case viewCount, episodeCount, date, cast, crew, company, basedOn, renewal
}

/// How a claim is stated.
public enum Modality: String, Sendable, Codable, Hashable {
    /// Stated as fact.
    case asserted
    /// Hedged: may, might, possibly, likely, expected, "I think".
    case hedged
    /// Negated: "there is no possibility that …".
    case negated
    /// Attributed to others: rumours, "websites say".
    case reported
}

/// The bound of a counted value.
public enum CountBound: String, Sendable, Codable, Hashable {
    case exact, moreThan, lessThan, approx
}

/// The event a date claim dates.
public enum DateEvent: String, Sendable, Codable, Hashable {
    case release, end, renewal, publication
}

/// A crew role.
public enum CrewRole: String, Sendable, Codable, Hashable {
    case director, writer, producer, author, creator, composer
}

/// A company role.
public enum CompanyRole: String, Sendable, Codable, Hashable {
    case broadcaster, streamer, producer, distributor
}

/// The status of a renewal statement.
public enum RenewalStatus: String, Sendable, Codable, Hashable {
    /// Officially renewed or announced.
    case confirmed
    /// Cancelled, axed, will not return.
    case cancelled
    /// No official word yet.
    case notAnnounced
    /// Unofficial sources say it will return.
    case rumored
    /// The author's own guess or hope.
    case speculated
}

/// The work a claim is about.
public struct ClaimSubject: Sendable, Codable, Hashable {
    /// The work's title as the article names it, or `nil` when unknown.
    public var title: String?
    /// The season the claim is about, or `nil` for the work as a whole.
    public var season: Int?

    public init(title: String?, season: Int? = nil) {
        self.title = title
        self.season = season
    }

    enum CodingKeys: String, CodingKey { case title, season }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(season, forKey: .season)
    }
}

/// The typed value of a claim; it encodes as the `value` object of the claims/1 contract.
public enum ClaimValue: Sendable, Hashable {
    /// An online view count. `within` is an ISO 8601 duration (`PT15M`), `asOf` a TIMEX3 date.
    case viewCount(count: Int, bound: CountBound, within: String?, asOf: String?)
    /// A number of episodes.
    case episodeCount(count: Int)
    /// A dated event; `timex` is a TIMEX3 value, `mod` a TIMEX3 mod.
    case date(event: DateEvent, timex: String, mod: String?)
    /// An actor, with the character played when named.
    case cast(actor: String, character: String?)
    /// A crew credit.
    case crew(person: String, role: CrewRole)
    /// A company credit.
    case company(name: String, role: CompanyRole)
    /// Source material.
    case basedOn(work: String?, author: String?, medium: String?)
    /// A renewal statement.
    case renewal(status: RenewalStatus)

    /// The claim type of this value.
    public var type: ClaimType {
        switch self {
        case .viewCount: .viewCount
        case .episodeCount: .episodeCount
        case .date: .date
        case .cast: .cast
        case .crew: .crew
        case .company: .company
        case .basedOn: .basedOn
        case .renewal: .renewal
        }
    }
}

extension ClaimValue: Codable {
    enum Keys: String, CodingKey {
        case count, bound, within, asOf, event, timex, mod, actor, character, person, role, name, work, author, medium, status
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .viewCount(count, bound, within, asOf):
            try c.encode(count, forKey: .count)
            try c.encode(bound, forKey: .bound)
            try c.encodeIfPresent(within, forKey: .within)
            try c.encodeIfPresent(asOf, forKey: .asOf)
        case let .episodeCount(count):
            try c.encode(count, forKey: .count)
        case let .date(event, timex, mod):
            try c.encode(event, forKey: .event)
            try c.encode(timex, forKey: .timex)
            try c.encode(mod, forKey: .mod)
        case let .cast(actor, character):
            try c.encode(actor, forKey: .actor)
            try c.encode(character, forKey: .character)
        case let .crew(person, role):
            try c.encode(person, forKey: .person)
            try c.encode(role, forKey: .role)
        case let .company(name, role):
            try c.encode(name, forKey: .name)
            try c.encode(role, forKey: .role)
        case let .basedOn(work, author, medium):
            try c.encode(work, forKey: .work)
            try c.encode(author, forKey: .author)
            try c.encode(medium, forKey: .medium)
        case let .renewal(status):
            try c.encode(status, forKey: .status)
        }
    }

    /// Decodes a value; the claim's `type` decides the case, so this initialiser
    /// infers it from the keys present (used when reading claims/1 files back).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if let status = try c.decodeIfPresent(RenewalStatus.self, forKey: .status) {
            self = .renewal(status: status); return
        }
        if let event = try c.decodeIfPresent(DateEvent.self, forKey: .event) {
            self = .date(event: event, timex: try c.decode(String.self, forKey: .timex),
                         mod: try c.decodeIfPresent(String.self, forKey: .mod)); return
        }
        if let actor = try c.decodeIfPresent(String.self, forKey: .actor) {
            self = .cast(actor: actor, character: try c.decodeIfPresent(String.self, forKey: .character)); return
        }
        if let person = try c.decodeIfPresent(String.self, forKey: .person) {
            self = .crew(person: person, role: try c.decode(CrewRole.self, forKey: .role)); return
        }
        if let name = try c.decodeIfPresent(String.self, forKey: .name) {
            self = .company(name: name, role: try c.decode(CompanyRole.self, forKey: .role)); return
        }
        if c.contains(.work) || c.contains(.author) {
            self = .basedOn(work: try c.decodeIfPresent(String.self, forKey: .work),
                            author: try c.decodeIfPresent(String.self, forKey: .author),
                            medium: try c.decodeIfPresent(String.self, forKey: .medium)); return
        }
        let count = try c.decode(Int.self, forKey: .count)
        if let bound = try c.decodeIfPresent(CountBound.self, forKey: .bound) {
            self = .viewCount(count: count, bound: bound, within: try c.decodeIfPresent(String.self, forKey: .within),
                              asOf: try c.decodeIfPresent(String.self, forKey: .asOf))
        } else {
            self = .episodeCount(count: count)
        }
    }
}

/// Where a claim came from: the words, their offsets in the cleaned text and in the input, and the rule.
public struct Evidence: Sendable, Codable, Hashable {
    /// The whole sentence that holds the quote.
    public var sentence: String
    /// The quoted words, exactly the cleaned text at ``text``.
    public var quote: String
    /// The quote's UTF-8 byte range in the cleaned text.
    public var text: ByteRange
    /// The byte range of the original input that holds the quote.
    public var source: ByteRange
    /// The id of the rule that fired (`cast.X-as-Y`).
    public var rule: String

    public init(sentence: String, quote: String, text: ByteRange, source: ByteRange, rule: String) {
        self.sentence = sentence
        self.quote = quote
        self.text = text
        self.source = source
        self.rule = rule
    }
}

/// One extracted fact with its provenance.
public struct Claim: Sendable, Codable, Hashable {
    /// Stable id: the same input bytes and program version give the same id.
    public var id: String
    /// The kind of fact.
    public var type: ClaimType
    /// The work the fact is about.
    public var subject: ClaimSubject
    /// The typed value.
    public var value: ClaimValue
    /// How the fact is stated.
    public var modality: Modality
    /// Who the article says made the statement, `nil` for the article's own voice.
    public var attribution: String?
    /// 0…1: the rule's precision on the development set, lowered when the rule had to guess
    /// (a resolved pronoun, an inferred subject). See `docs/claims.md`.
    public var confidence: Double
    /// Provenance.
    public var evidence: Evidence

    public init(id: String, subject: ClaimSubject, value: ClaimValue, modality: Modality,
                attribution: String?, confidence: Double, evidence: Evidence) {
        self.id = id
        self.type = value.type
        self.subject = subject
        self.value = value
        self.modality = modality
        self.attribution = attribution
        self.confidence = confidence
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey { case id, type, subject, value, modality, attribution, confidence, evidence }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(subject, forKey: .subject)
        try c.encode(value, forKey: .value)
        try c.encode(modality, forKey: .modality)
        try c.encode(attribution, forKey: .attribution)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(evidence, forKey: .evidence)
    }
}

/// A work the article talks about.
public struct SubjectMention: Sendable, Codable, Hashable {
    /// The title as the article spells it.
    public var title: String
    /// How often the article names it.
    public var mentions: Int

    public init(title: String, mentions: Int) {
        self.title = title
        self.mentions = mentions
    }
}
