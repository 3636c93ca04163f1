import Foundation

/// A civil day (no time, no zone), as the legal texts count: dépôt, enregistrement, renouvellement.
///
/// Legal periods run "de quantième à quantième": adding months keeps the day of the month and, when
/// that day does not exist, ends on the last day of the month (CPC art. 641 al. 2, see docs/DOMAIN.md).
/// Encoded as `"YYYY-MM-DD"`.
public struct Jour: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let annee: Int
    public let mois: Int
    public let jour: Int

    /// Creates a day; returns nil when the date does not exist (31 April, 29 February of a common year).
    public init?(_ annee: Int, _ mois: Int, _ jour: Int) {
        guard (1...12).contains(mois), (1...Jour.nombreDeJours(annee: annee, mois: mois)).contains(jour),
            (1900...2999).contains(annee)
        else { return nil }
        self.annee = annee
        self.mois = mois
        self.jour = jour
    }

    /// Parses `"YYYY-MM-DD"`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        // Digits only: `Int("+1")` would accept a sign (« 2024-+1-01 »).
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let a = Int(parts[0]), let m = Int(parts[1]), let j = Int(parts[2])
        else { return nil }
        self.init(a, m, j)
    }

    /// The civil day of an instant in a time zone (Europe/Paris for the guichets of a métropole).
    public init(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.annee = c.year!
        self.mois = c.month!
        self.jour = c.day!
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", annee, mois, jour)
    }

    /// French display form, `15/03/2026`.
    public var affichage: String {
        String(format: "%02d/%02d/%04d", jour, mois, annee)
    }

    public static func < (a: Jour, b: Jour) -> Bool {
        (a.annee, a.mois, a.jour) < (b.annee, b.mois, b.jour)
    }

    /// Adds months "de quantième à quantième", clamping to the last day of the target month.
    public func ajoutant(mois n: Int) -> Jour {
        let total = annee * 12 + (mois - 1) + n
        let a = total / 12
        let m = total % 12 + 1
        let j = min(jour, Jour.nombreDeJours(annee: a, mois: m))
        return Jour(a, m, j)!
    }

    /// Adds whole years (a 29 February lands on 28 February of a common year).
    public func ajoutant(annees n: Int) -> Jour { ajoutant(mois: 12 * n) }

    /// Adds days.
    public func ajoutant(jours n: Int) -> Jour {
        Jour(jourJulien: jourJulien + n)
    }

    /// Days from `self` to `autre` (positive when `autre` is later).
    public func jours(jusqua autre: Jour) -> Int { autre.jourJulien - jourJulien }

    /// Whole months elapsed from `self` to `autre` (0 when `autre` is earlier), as an ancienneté counts them.
    public func moisRevolus(jusqua autre: Jour) -> Int {
        guard autre > self else { return 0 }
        var n = (autre.annee - annee) * 12 + (autre.mois - mois)
        if ajoutant(mois: n) > autre { n -= 1 }
        return max(0, n)
    }

    /// Age in whole years on `date` (âge révolu): a person born on 29 February has a birthday on 28 February.
    public func ageRevolu(au date: Jour) -> Int {
        moisRevolus(jusqua: date) / 12
    }

    /// Number of days of a month.
    public static func nombreDeJours(annee: Int, mois: Int) -> Int {
        switch mois {
        case 2: return (annee % 4 == 0 && annee % 100 != 0) || annee % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Instant of this day's midnight in a time zone.
    public func debut(timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: annee, month: mois, day: jour))!
    }

    // Days since 1 March of year 0 (proleptic Gregorian), for day arithmetic without Foundation calendars.
    var jourJulien: Int {
        let a = mois <= 2 ? annee - 1 : annee
        let m = mois <= 2 ? mois + 9 : mois - 3
        return 365 * a + a / 4 - a / 100 + a / 400 + (153 * m + 2) / 5 + jour - 1
    }

    init(jourJulien n: Int) {
        var a = (10000 * n + 14780) / 3_652_425
        var ddd = n - (365 * a + a / 4 - a / 100 + a / 400)
        if ddd < 0 {
            a -= 1
            ddd = n - (365 * a + a / 4 - a / 100 + a / 400)
        }
        let mi = (100 * ddd + 52) / 3060
        let mm = (mi + 2) % 12 + 1
        let aa = a + (mi + 2) / 12
        let dd = ddd - (mi * 306 + 5) / 10 + 1
        self.annee = aa
        self.mois = mm
        self.jour = dd
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let jour = Jour(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "date attendue au format AAAA-MM-JJ, reçu « \(text) »"))
        }
        self = jour
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
