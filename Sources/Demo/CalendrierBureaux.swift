import Foundation

/// Working days and office hours of the guichets, Europe/Paris: Monday to Friday except French public holidays,
/// 8:30–12:00 and 13:30–17:00. Caches the instant of each local midnight (a weekday never holds a DST change:
/// France changes time on Sundays, so midnight + n hours is n hours later on the wall clock).
struct CalendrierBureaux {
    private var minuits: [Int: Date] = [:]
    private var feries: [Int: Set<Int>] = [:]
    private static let lundiReference = Jour(2024, 1, 1)!.jourJulien

    /// Instant of local midnight of `jour` in Europe/Paris.
    mutating func minuit(_ jour: Jour) -> Date {
        if let d = minuits[jour.jourJulien] { return d }
        let d = jour.debut(timeZone: .paris)
        minuits[jour.jourJulien] = d
        return d
    }

    /// True for a weekday that is not a public holiday.
    mutating func estOuvre(_ jour: Jour) -> Bool {
        let semaine = ((jour.jourJulien - Self.lundiReference) % 7 + 7) % 7
        guard semaine < 5 else { return false }
        if feries[jour.annee] == nil { feries[jour.annee] = Self.joursFeries(jour.annee) }
        return !feries[jour.annee]!.contains(jour.jourJulien)
    }

    /// The nearest working day of `debut...fin` to `jour` (later first), or nil when the range has none.
    mutating func ouvre(_ jour: Jour, entre debut: Jour, et fin: Jour) -> Jour? {
        for ecart in 0..<15 {
            let apres = jour.ajoutant(jours: ecart), avant = jour.ajoutant(jours: -ecart)
            if apres <= fin, apres >= debut, estOuvre(apres) { return apres }
            if avant >= debut, avant <= fin, estOuvre(avant) { return avant }
        }
        return nil
    }

    /// An instant of `jour` during office hours; `matin` keeps it before noon, `creneau` on a half-hour slot.
    mutating func instant(_ jour: Jour, matin: Bool = false, creneau: Bool = false, _ t: inout Tirage) -> Date {
        let minutes: Int
        if creneau {
            minutes = 9 * 60 + 30 * (matin || t.oui(0.5) ? t.uniforme(0...5) : t.uniforme(10...15))
        } else {
            minutes = matin || t.oui(0.5) ? t.uniforme(510...719) : t.uniforme(810...1019)
        }
        let secondes = creneau ? 0 : t.uniforme(0...59)
        return minuit(jour).addingTimeInterval(TimeInterval(minutes * 60 + secondes))
    }

    /// French public holidays of a year (Code du travail L3133-1), as julian day numbers.
    static func joursFeries(_ annee: Int) -> Set<Int> {
        // Gregorian Easter (anonymous algorithm, Meeus/Jones/Butcher).
        let a = annee % 19, b = annee / 100, c = annee % 100
        let h = (19 * a + b - b / 4 - (b - (b + 8) / 25 + 1) / 3 + 15) % 30
        let l = (32 + 2 * (b % 4) + 2 * (c / 4) - h - c % 4) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let paques = Jour(annee, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1)!.jourJulien
        let fixes = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
        return Set(fixes.map { Jour(annee, $0.0, $0.1)!.jourJulien } + [paques + 1, paques + 39, paques + 50])
    }
}
