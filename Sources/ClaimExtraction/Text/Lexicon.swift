/// Word lists used by the rules, as token hashes (see ``Tokenizer/hash(_:)``).
///
/// Only general English words and well-known platform names live here, never titles or people
/// from particular articles.
enum Lex {
    static func set(_ words: [String]) -> WordSet { WordSet(words.map(Tokenizer.hash)) }
    static func h(_ w: String) -> UInt64 { Tokenizer.hash(w) }

    /// Capitalised words that never start or continue a person's name.
    static let nonName = set([
        "the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we", "i", "you", "his", "her", "their", "its", "our",
        "this", "that", "these", "those", "there", "here", "season", "seasons", "episode", "episodes", "part", "series", "show",
        "and", "but", "or", "so", "if", "when", "while", "after", "before", "as", "with", "from", "for", "of", "to", "by",
        "also", "meanwhile", "however", "mr", "mrs", "ms", "dr", "sir", "lady", "lord", "king", "queen", "prince", "princess",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "spoilers", "spoiler", "update", "updates", "release", "date", "cast",
        "trailer", "plot", "news", "review", "reviews", "recap", "official", "new", "latest", "what", "who", "why", "how",
        "where", "which", "will", "is", "are", "was", "were", "has", "have", "had", "be", "not", "no", "yes", "all", "one",
        "two", "three", "first", "second", "third", "last", "next", "every", "each", "both", "many", "most", "some",
        "fans", "viewers", "critics", "audience", "audiences", "film", "movie", "drama", "dramas", "sitcom", "comedy",
        "korean", "chinese", "japanese", "american", "british", "english", "french", "german", "indian", "spanish",
        "hollywood", "oscars", "emmy", "emmys", "golden", "globe", "globes", "award", "awards", "academy",
        "director", "writer", "producer", "actor", "actress", "star", "creator", "showrunner", "author", "executive",
        "chief", "president", "ceo", "god", "heaven", "hell", "earth", "christmas", "easter", "halloween", "thanksgiving",
        "north", "south", "east", "west", "tv", "television", "network", "netflix", "hulu", "hbo", "amazon", "disney",
        "apple", "youtube", "channel", "studio", "studios", "entertainment", "pictures", "films", "productions", "media",
        "read", "watch", "click", "share", "subscribe", "follow", "photo", "photos", "image", "video", "videos",
        "according", "meet", "during", "despite", "although", "though", "because", "since", "until", "unless",
        "did", "does", "do", "can", "could", "would", "should", "might", "must", "shall", "then", "now", "just", "only",
        "even", "still", "yet", "again", "once", "too", "very", "more", "less", "much", "other", "another", "such",
        "mother", "father", "daughter", "brother", "sister", "wife", "husband", "girl", "boy", "man", "woman",
        "deity", "emperor", "empress", "realm", "demon", "fairy", "celestial", "heavenly", "universe", "kingdom",
    ])

    /// Lower-case particles allowed inside a name ("Ludwig van Beethoven", "Leonardo da Vinci").
    static let nameParticles = set(["van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "bin", "al", "ibn", "dos", "das", "ter", "ten"])

    /// Function words allowed inside a work title.
    static let titleGlue = set(["of", "the", "and", "a", "an", "in", "on", "to", "for", "with", "at", "from", "&", "or", "is", "my", "your", "me", "you"])

    /// The keys of ``months``, for a cheap membership test.
    static let monthKeys = WordSet(months.keys)
    static let months: [UInt64: Int] = {
        var m: [UInt64: Int] = [:]
        let names = [["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"], ["may"], ["june", "jun"],
                     ["july", "jul"], ["august", "aug"], ["september", "sep", "sept"], ["october", "oct"],
                     ["november", "nov"], ["december", "dec"]]
        for (i, ws) in names.enumerated() { for w in ws { m[h(w)] = i + 1 } }
        return m
    }()

    /// Streaming services (role `streamer`).
    static let streamers: [String] = [
        "Netflix", "ABC.com", "NBC.com", "CBS.com", "Fox.com", "Hulu", "Amazon Prime Video", "Amazon Prime", "Prime Video", "Amazon", "Disney+", "Disney Plus", "Apple TV+",
        "Apple TV", "HBO Max", "HBO Go", "HBO Now", "Max", "Peacock", "Paramount+", "CBS All Access", "ESPN+", "Crunchyroll",
        "Funimation", "Viki", "Rakuten Viki", "iQiyi", "iQIYI", "Youku", "Tencent Video", "WeTV", "Mango TV", "Viu", "Kocowa",
        "Tving", "Wavve", "Coupang Play", "Kanopy", "Tubi", "Pluto TV", "Roku Channel", "Quibi", "Shudder", "Mubi", "BritBox",
        "Acorn TV", "Stan", "Crave", "Hotstar", "Disney+ Hotstar", "ZEE5", "SonyLIV", "JioCinema", "Showmax", "NOW TV",
        "BBC iPlayer", "ITVX", "All 4", "Topic.com", "Topic", "Hoopla", "Sundance Now", "Starz Play", "Vimeo",
    ]
    /// Broadcast and cable networks (role `broadcaster`).
    static let broadcasters: [String] = [
        "ABC", "NBC", "CBS", "Fox", "The CW", "CW", "PBS", "BBC One", "BBC Two", "BBC Three", "BBC Four", "BBC America", "BBC",
        "ITV1", "ITV2", "ITV", "Channel 4", "Channel 5", "E4", "Sky One", "Sky Atlantic", "Sky", "MTV", "VH1", "Comedy Central",
        "G4", "TBS", "TNT", "USA Network", "Syfy", "Sci Fi Channel", "Bravo", "E!", "Lifetime", "Hallmark Channel", "Freeform",
        "ABC Family", "Nickelodeon", "Cartoon Network", "Adult Swim", "Disney Channel", "Showtime", "Starz", "Cinemax", "Epix",
        "AMC", "FX", "FXX", "HBO", "BET", "A&E", "History", "Discovery", "TLC", "National Geographic", "Oxygen", "IFC",
        "Sundance TV", "SundanceTV", "WGN America", "Telemundo", "Univision", "CBC", "CTV", "Global", "RTÉ", "TV Tokyo",
        "Fuji TV", "NHK", "TBS Japan", "Nippon TV", "TV Asahi", "WOWOW", "AT-X", "Tokyo MX", "tvN", "JTBC", "KBS", "KBS2", "MBC",
        "SBS", "OCN", "MBN", "ENA", "Channel A", "TV Chosun", "CCTV", "Hunan TV", "Dragon TV", "Zhejiang TV", "Anime Selects",
        "AZN Network", "Fox News", "CNN", "ESPN", "Animax", "Toonami", "Spike", "Oxygen", "OWN", "Ovation", "Audience Network",
        "DirecTV", "Nick at Nite", "TV Land", "Food Network", "HGTV", "Travel Channel", "Paramount Network",
    ]
    /// Digital stores (role `distributor`).
    static let stores: [String] = ["iTunes", "Google Play", "Vudu", "YouTube", "Amazon Video", "Fandango Now", "FandangoNow", "Microsoft Store", "Redbox"]

    /// Words that end a company name ("Imagine Entertainment", "ADV Films").
    static let companySuffix = set([
        "entertainment", "pictures", "films", "film", "studios", "studio", "productions", "production", "media", "television",
        "tv", "network", "networks", "animation", "co", "co.", "inc", "inc.", "ltd", "ltd.", "llc", "group", "company",
        "corporation", "corp", "corp.", "releasing", "distribution", "channel", "broadcasting", "holdings", "records", "games",
        "comics", "press", "publishing", "books", "features", "works", "brothers", "bros", "bros.", "industries", "ventures",
    ])

    /// Hedges that make a statement `hedged`.
    static let hedges = set([
        "may", "might", "could", "possibly", "possible", "likely", "unlikely", "probably", "perhaps", "maybe", "expected",
        "expect", "expects", "potential", "potentially", "hope", "hopes", "hoping", "hopefully", "think", "believe",
        "guess", "assume", "estimate", "speculate", "speculated", "speculation", "predict", "chance", "should", "would",
        "if", "seems", "appears", "supposedly", "rumored", "rumoured", "tipped", "anticipated", "wish",
    ])
    static let negations = set(["not", "no", "never", "neither", "nor", "won't", "won’t", "isn't", "isn’t", "hasn't", "hasn’t",
                                "haven't", "haven’t", "wasn't", "wasn’t", "doesn't", "doesn’t", "didn't", "didn’t", "cannot",
                                "can't", "can’t", "nothing", "none", "without", "aren't", "aren’t", "weren't", "weren’t"])
    static let reportWords = set(["rumor", "rumors", "rumour", "rumours", "reportedly", "reports", "reported", "report",
                                  "allegedly", "sources", "insiders", "insider", "according", "speculation", "gossip"])
}
