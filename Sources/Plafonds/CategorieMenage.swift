import Foundation

/// The catégorie de ménage (1 to 6, plus persons beyond six) that selects a row of the ceiling tables.
///
/// Rules: arrêté du 29 juillet 1987 art. 2 (catégories, jeune ménage « au plus égale à cinquante-cinq ans »)
/// and service-public.fr F869 (2026) for the handicap rows; the cases the texts do not print are decisions
/// recorded in docs/DOMAIN.md, « Catégories de ménage ».
public struct CategorieMenage: Sendable, Hashable, Codable {
    /// Row of the table, 1...6.
    public let categorie: Int
    /// Persons counted beyond six, each adding the « par personne supplémentaire » amount.
    public let personnesSupplementaires: Int
    /// French explanation for the agent: which rule gave this catégorie.
    public let motif: String

    /// Creates a catégorie as is; `TablePlafonds.plafond` rejects a catégorie outside 1...6.
    public init(categorie: Int, personnesSupplementaires: Int = 0, motif: String = "") {
        self.categorie = categorie
        self.personnesSupplementaires = personnesSupplementaires
        self.motif = motif
    }

    /// « catégorie 2 » or « catégorie 6 + 2 personnes supplémentaires ».
    public var libelle: String {
        let base = "catégorie \(categorie)"
        guard personnesSupplementaires > 0 else { return base }
        let s = personnesSupplementaires > 1 ? "s" : ""
        return base + " + \(personnesSupplementaires) personne\(s) supplémentaire\(s)"
    }

    /// Computes the catégorie of a household at a reference date (ages are counted on that day).
    ///
    /// Each rule gives a number of « equivalent persons »; the largest wins, so the upgrades are never
    /// cumulated (a jeune ménage with a handicapped partner stays in catégorie 3, per F869).
    public static func calculer(_ composition: CompositionMenage, au date: Date, calendar: Calendar) -> CategorieMenage {
        let n = composition.nombrePersonnes
        guard n > 0 else {
            return CategorieMenage(
                categorie: 1, motif: "Aucune personne déclarée : catégorie 1 par défaut, composition à compléter")
        }
        let aCharge = composition.nombrePersonnesACharge
        let nonACharge = composition.personnes.filter { $0.role != .personneACharge }
        var equivalent = n
        var raison = n == 1 ? "Personne seule" : "\(personnes(n))"
        var notes: [String] = []
        var horsTableau = false

        // Art. 2: « une personne seule avec k personnes à charge » sits with k + 2 persons.
        if nonACharge.count == 1, aCharge >= 1 {
            equivalent = aCharge + 2
            raison = "Personne seule avec \(personnes(aCharge)) à charge, classée comme \(aCharge + 2) personnes"
            if aCharge >= 5 { horsTableau = true }
        }

        // Art. 2: couple, no dependant, sum of the two âges révolus at most 55 → catégorie 3.
        if composition.estCouple, n == 2, aCharge == 0, nonACharge.count == 2 {
            let dates = nonACharge.compactMap(\.dateNaissance)
            if dates.count == 2 {
                let somme = dates.map { ageRevolu(dateNaissance: $0, au: date, calendar: calendar) }.reduce(0, +)
                if somme <= 55 {
                    equivalent = 3
                    raison = "Jeune ménage sans personne à charge (somme des âges \(somme) ans, au plus 55)"
                } else {
                    raison = "Couple sans personne à charge, pas jeune ménage (somme des âges \(somme) ans, plus de 55)"
                }
            } else {
                notes.append("date de naissance manquante : la règle du jeune ménage n'a pas pu être vérifiée")
            }
        }

        // F869 (2026): n persons of whom at least one holds the CMI invalidité → row of n + 1 persons, once.
        if composition.personnes.contains(where: \.handicap) {
            if n + 1 > equivalent {
                equivalent = n + 1
                raison = n == 1
                    ? "Personne seule titulaire de la CMI invalidité, classée comme 2 personnes"
                    : "\(personnes(n)) dont au moins une titulaire de la CMI invalidité, classée comme \(n + 1) personnes"
                horsTableau = n >= 6
            } else {
                notes.append("la CMI invalidité ne s'ajoute pas à cette majoration (non cumulable)")
            }
        }

        let categorie = min(equivalent, 6)
        let supplementaires = max(0, equivalent - 6)
        if horsTableau {
            notes.append("règle prolongée au-delà de la catégorie 6, cas non imprimé par l'arrêté (docs/DOMAIN.md)")
        }
        let libelle = CategorieMenage(categorie: categorie, personnesSupplementaires: supplementaires).libelle
        let motif = ([raison + " : " + libelle] + notes).joined(separator: " ; ")
        return CategorieMenage(categorie: categorie, personnesSupplementaires: supplementaires, motif: motif)
    }

    /// Age in whole years (âge révolu) on `date`, from the calendar's date components.
    ///
    /// Both instants are first brought to the start of their day in the calendar's time zone, so the hour
    /// at which a date was stored never moves a birthday. Someone born on 29 February turns one year older
    /// on 28 February of a common year (Foundation's year difference, consistent with `Jour.ageRevolu`).
    public static func ageRevolu(dateNaissance: Date, au date: Date, calendar: Calendar) -> Int {
        let debut = calendar.startOfDay(for: dateNaissance)
        let fin = calendar.startOfDay(for: date)
        return max(0, calendar.dateComponents([.year], from: debut, to: fin).year ?? 0)
    }

    private static func personnes(_ k: Int) -> String { k == 1 ? "1 personne" : "\(k) personnes" }
}
