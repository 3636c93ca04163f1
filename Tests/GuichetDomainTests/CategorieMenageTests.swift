import Foundation
import GuichetDomain
import Testing

// Rules: arrêté du 29 juillet 1987 art. 2; handicap rows of service-public.fr F869 (2026); decisions for the
// unprinted cases in docs/DOMAIN.md « Catégories de ménage ».
private let calendrier: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "Europe/Paris")!
    return c
}()

private func jour(_ a: Int, _ m: Int, _ j: Int, heure: Int = 12, minute: Int = 0) -> Date {
    calendrier.date(from: DateComponents(year: a, month: m, day: j, hour: heure, minute: minute))!
}

private let reference = jour(2026, 6, 15)
private let adulte40 = jour(1986, 1, 1)

private func demandeur(_ naissance: Date? = adulte40, handicap: Bool = false) -> PersonneMenage {
    PersonneMenage(role: .demandeur, dateNaissance: naissance, handicap: handicap)
}
private func conjoint(_ naissance: Date? = adulte40, handicap: Bool = false) -> PersonneMenage {
    PersonneMenage(role: .coDemandeur, dateNaissance: naissance, handicap: handicap)
}
private func enfant(handicap: Bool = false) -> PersonneMenage {
    PersonneMenage(role: .personneACharge, dateNaissance: jour(2015, 3, 3), handicap: handicap)
}

private func calcul(_ personnes: [PersonneMenage], couple: Bool, au date: Date = reference) -> CategorieMenage {
    CategorieMenage.calculer(CompositionMenage(personnes: personnes, estCouple: couple), au: date, calendar: calendrier)
}

/// A couple over 55 with `n - 2` children, or one person alone for n = 1.
private func menage(de n: Int) -> CategorieMenage {
    n == 1 ? calcul([demandeur()], couple: false)
        : calcul([demandeur(), conjoint()] + Array(repeating: enfant(), count: n - 2), couple: true)
}

@Suite("Catégorie de ménage")
struct CategorieMenageTests {
    @Test("nombre de personnes, 1 à 8", arguments: [(1, 1, 0), (2, 2, 0), (3, 3, 0), (4, 4, 0), (5, 5, 0), (6, 6, 0), (7, 6, 1), (8, 6, 2)])
    func parNombreDePersonnes(n: Int, categorie: Int, supplementaires: Int) {
        let c = menage(de: n)
        #expect(c.categorie == categorie)
        #expect(c.personnesSupplementaires == supplementaires)
    }

    @Test("personne seule avec k personnes à charge = catégorie de k + 2 personnes", arguments: [(1, 3, 0), (2, 4, 0), (3, 5, 0), (4, 6, 0), (5, 6, 1), (6, 6, 2)])
    func personneSeuleAvecPersonnesACharge(k: Int, categorie: Int, supplementaires: Int) {
        let c = calcul([demandeur()] + Array(repeating: enfant(), count: k), couple: false)
        #expect(c.categorie == categorie)
        #expect(c.personnesSupplementaires == supplementaires)
        #expect(c.motif.contains("Personne seule avec"))
        // Five or more dependants are beyond the printed rows: the motif says the rule was extended.
        #expect(c.motif.contains("non imprimé") == (k >= 5))
    }

    @Test("deux adultes qui ne sont pas en couple ne sont jamais un jeune ménage")
    func deuxAdultesNonCouple() {
        let c = calcul([demandeur(jour(2006, 1, 1)), conjoint(jour(2006, 1, 1))], couple: false)
        #expect(c.categorie == 2)
        #expect(c.personnesSupplementaires == 0)
    }

    @Test("un adulte avec un autre occupant non à charge et un enfant : 3 personnes, pas « personne seule »")
    func autreOccupant() {
        let grandParent = PersonneMenage(role: .autreOccupant, dateNaissance: jour(1950, 1, 1))
        let c = calcul([demandeur(), grandParent, enfant()], couple: false)
        #expect(c.categorie == 3)
        #expect(!c.motif.contains("Personne seule"))
    }

    @Test("enfant en droit de visite : compté comme personne, pas comme personne à charge (décision documentée)")
    func enfantEnDroitDeVisite() {
        let visite = PersonneMenage(role: .autreOccupant, dateNaissance: jour(2016, 5, 5))
        #expect(calcul([demandeur(), visite], couple: false).categorie == 2)
        #expect(calcul([demandeur(), enfant(), visite], couple: false).categorie == 3)
    }

    @Test("jeune ménage : somme des âges 55 → catégorie 3, 56 → catégorie 2")
    func jeuneMenageBornes() {
        // On 15/06/2026: born 01/01/1999 → 27 ans; born 01/01/1998 → 28 ans; born 01/01/1997 → 29 ans.
        let c55 = calcul([demandeur(jour(1999, 1, 1)), conjoint(jour(1998, 1, 1))], couple: true)
        #expect(c55.categorie == 3)
        #expect(c55.motif.contains("Jeune ménage"))
        #expect(c55.motif.contains("55 ans"))
        let c56 = calcul([demandeur(jour(1999, 1, 1)), conjoint(jour(1997, 1, 1))], couple: true)
        #expect(c56.categorie == 2)
        #expect(c56.motif.contains("pas jeune ménage"))
    }

    @Test("jeune ménage : un anniversaire le jour de référence compte déjà")
    func anniversaireLeJourDeReference() {
        // Born 15/06/1997: 28 ans on 14/06/2026, 29 ans on 15/06/2026 (âge révolu includes the birthday).
        let couple = [demandeur(jour(1997, 6, 15)), conjoint(jour(1999, 1, 1))]
        #expect(calcul(couple, couple: true, au: jour(2026, 6, 14)).categorie == 3)
        #expect(calcul(couple, couple: true, au: jour(2026, 6, 15)).categorie == 2)
    }

    @Test("jeune ménage : né un 29 février, l'anniversaire tombe le 28 février d'une année commune")
    func naissanceUn29Fevrier() {
        // Born 29/02/2000: 26 ans on 27/02/2027, 27 ans on 28/02/2027; partner born 01/01/1998 is 29.
        let couple = [demandeur(jour(2000, 2, 29)), conjoint(jour(1998, 1, 1))]
        #expect(calcul(couple, couple: true, au: jour(2027, 2, 27)).categorie == 3)
        #expect(calcul(couple, couple: true, au: jour(2027, 2, 28)).categorie == 2)
    }

    @Test("âge révolu", arguments: [
        ((2000, 2, 29), (2001, 2, 27), 0), ((2000, 2, 29), (2001, 2, 28), 1), ((2000, 2, 29), (2004, 2, 28), 3),
        ((2000, 2, 29), (2004, 2, 29), 4), ((1990, 6, 15), (2026, 6, 14), 35), ((1990, 6, 15), (2026, 6, 15), 36),
    ])
    func ageRevolu(naissance: (Int, Int, Int), date: (Int, Int, Int), age: Int) {
        let n = jour(naissance.0, naissance.1, naissance.2)
        let d = jour(date.0, date.1, date.2)
        #expect(CategorieMenage.ageRevolu(dateNaissance: n, au: d, calendar: calendrier) == age)
    }

    @Test("âge révolu : l'heure des instants ne décale pas l'anniversaire")
    func ageRevoluIndependantDeLHeure() {
        let n = jour(1990, 6, 15, heure: 23, minute: 30)
        #expect(CategorieMenage.ageRevolu(dateNaissance: n, au: jour(2026, 6, 15, heure: 0, minute: 5), calendar: calendrier) == 36)
        #expect(CategorieMenage.ageRevolu(dateNaissance: n, au: jour(2026, 6, 14, heure: 23, minute: 59), calendar: calendrier) == 35)
    }

    @Test("jeune ménage : date de naissance manquante → catégorie 2, motif l'explique")
    func dateDeNaissanceManquante() {
        let c = calcul([demandeur(nil), conjoint(jour(2000, 1, 1))], couple: true)
        #expect(c.categorie == 2)
        #expect(c.motif.contains("date de naissance manquante"))
    }

    @Test("jeune ménage avec un enfant : c'est la règle des 3 personnes, pas le jeune ménage")
    func jeuneMenageAvecEnfant() {
        let c = calcul([demandeur(jour(2000, 1, 1)), conjoint(jour(2000, 1, 1)), enfant()], couple: true)
        #expect(c.categorie == 3)
        #expect(!c.motif.contains("Jeune ménage"))
    }

    @Test("CMI invalidité : n personnes → catégorie n + 1", arguments: [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6)])
    func handicap(n: Int, categorie: Int) {
        let personnes = n == 1 ? [demandeur(handicap: true)]
            : [demandeur(handicap: true), conjoint()] + Array(repeating: enfant(), count: n - 2)
        let c = calcul(personnes, couple: n > 1)
        #expect(c.categorie == categorie)
        #expect(c.personnesSupplementaires == 0)
        #expect(c.motif.contains("CMI invalidité"))
    }

    @Test("CMI invalidité : une seule fois, même avec deux titulaires")
    func handicapUneSeuleFois() {
        let c = calcul([demandeur(handicap: true), conjoint(handicap: true)], couple: true)
        #expect(c.categorie == 3)
        let famille = calcul([demandeur(handicap: true), conjoint(handicap: true), enfant(handicap: true)], couple: true)
        #expect(famille.categorie == 4)
    }

    @Test("CMI invalidité : jamais cumulée avec le jeune ménage")
    func handicapEtJeuneMenage() {
        let c = calcul([demandeur(jour(2000, 1, 1), handicap: true), conjoint(jour(2000, 1, 1))], couple: true)
        #expect(c.categorie == 3)
        #expect(c.motif.contains("Jeune ménage"))
        #expect(c.motif.contains("non cumulable"))
    }

    @Test("CMI invalidité : jamais cumulée avec la règle de la personne seule", arguments: [1, 2, 4])
    func handicapEtPersonneSeule(k: Int) {
        let c = calcul([demandeur()] + [enfant(handicap: true)] + Array(repeating: enfant(), count: k - 1), couple: false)
        #expect(c.categorie == min(k + 2, 6))
        #expect(c.personnesSupplementaires == 0)
        #expect(c.motif.contains("non cumulable"))
    }

    @Test("au-delà de 6 : 6 personnes dont une titulaire de la CMI → catégorie 6 + 1 (décision documentée)")
    func handicapAuDelaDeSix() {
        let six = calcul([demandeur(handicap: true), conjoint()] + Array(repeating: enfant(), count: 4), couple: true)
        #expect(six.categorie == 6)
        #expect(six.personnesSupplementaires == 1)
        #expect(six.motif.contains("non imprimé"))
        let huit = calcul([demandeur(), conjoint()] + Array(repeating: enfant(), count: 5) + [enfant(handicap: true)], couple: true)
        #expect(huit.categorie == 6)
        #expect(huit.personnesSupplementaires == 3)
    }

    @Test("libellé et motif lisibles par un agent")
    func libelle() {
        #expect(menage(de: 2).libelle == "catégorie 2")
        #expect(menage(de: 7).libelle == "catégorie 6 + 1 personne supplémentaire")
        #expect(menage(de: 8).libelle == "catégorie 6 + 2 personnes supplémentaires")
        #expect(menage(de: 8).motif == "8 personnes : catégorie 6 + 2 personnes supplémentaires")
        #expect(menage(de: 1).motif == "Personne seule : catégorie 1")
    }

    @Test("composition vide : catégorie 1 par défaut, motif explicite")
    func compositionVide() {
        let c = calcul([], couple: false)
        #expect(c.categorie == 1)
        #expect(c.motif.contains("Aucune personne"))
    }
}
