/// Postcodes and social stock of the métropole's communes, for plausible addresses and offers.
enum GeographieSynthetique {
    /// Postcode by INSEE code. Grenoble's 38000/38100 are sourced (domain.md §11); the others are plausible values
    /// written from memory, *unverified* (the referential carries no postcode): fine for demo data, not for mail.
    static let codesPostaux: [String: [String]] = [
        "38185": ["38000", "38100"], "38151": ["38130"], "38421": ["38400"], "38169": ["38600"], "38229": ["38240"],
        "38382": ["38120"], "38485": ["38170"], "38474": ["38360"], "38317": ["38800"], "38158": ["38320"],
        "38545": ["38450"], "38524": ["38760"], "38111": ["38640"], "38486": ["38180"], "38562": ["38220"],
        "38179": ["38610"], "38150": ["38420"], "38516": ["38700"], "38423": ["38950"], "38126": ["38700"],
        "38200": ["38560"], "38309": ["38320"], "38057": ["38320"], "38059": ["38320"], "38068": ["38800"],
        "38071": ["38560"], "38170": ["38120"], "38187": ["38450"], "38188": ["38320"], "38235": ["38450"],
        "38252": ["38220"], "38258": ["38120"], "38271": ["38420"], "38277": ["38450"], "38279": ["38220"],
        "38281": ["38360"], "38325": ["38120"], "38328": ["38950"], "38364": ["38220"], "38388": ["38450"],
        "38436": ["38760"], "38445": ["38220"], "38471": ["38700"], "38472": ["38700"], "38478": ["38220"],
        "38528": ["38410"], "38529": ["38410"], "38533": ["38610"], "38540": ["38113"],
    ]

    /// A postcode of a commune; outside the table, the département and the INSEE code's last three digits.
    static func codePostal(insee: String, _ t: inout Tirage) -> String {
        if let codes = codesPostaux[insee] { return t.element(codes) }
        return String(insee.prefix(2)) + String(insee.suffix(3))
    }

    /// Social dwellings by commune, *est.*: Grenoble 20,532 (2024, R28) and a métropole total near 47,000 (R27);
    /// the split among the other large communes is an estimate; elsewhere 5 % of the population.
    static let stockSocialEstime: [String: Int] = [
        "38185": 20_500, "38151": 7_000, "38421": 6_500, "38169": 3_500, "38317": 1_800, "38382": 1_500,
        "38229": 1_400, "38485": 1_200, "38158": 1_000, "38474": 900, "38562": 900,
    ]

    /// Weight of a commune for the offers.
    static func poidsStock(_ commune: Commune) -> Int {
        stockSocialEstime[commune.insee] ?? max(1, commune.population / 20)
    }

    /// Cumulative weights over `communes`, in their order (for `Tirage.indice(cumul:)`).
    static func cumul(_ communes: [Commune], poids: (Commune) -> Int) -> [Int] {
        var total = 0
        return communes.map { total += max(1, poids($0)); return total }
    }
}
