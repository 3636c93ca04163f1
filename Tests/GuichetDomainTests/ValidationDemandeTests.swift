import Foundation
import GuichetDomain
import Testing

// Field validation of a demande (client and server share it): every problem at once, with a path, a code, a French message.
@Suite("Validation d'une demande")
struct ValidationDemandeTests {
    private let jour = Fixtures.aujourdhui

    private func problemes(_ d: Demande, communesConnues: Set<String>? = nil) -> [ProblemeValidation] {
        ValidationDemande.problemes(d, au: jour, communesConnues: communesConnues)
    }

    private func chemins(_ p: [ProblemeValidation]) -> [String] { p.map { "\($0.chemin) \($0.code)" } }

    /// Key of a NIR body, computed here independently of the code under test (Corsica: 2A → 19, 2B → 18).
    private func cle(_ corps: String) -> String {
        var c = corps.replacingOccurrences(of: " ", with: "")
        let dep = c.dropFirst(5).prefix(2)
        if dep == "2A" { c = String(c.prefix(5)) + "19" + String(c.dropFirst(7)) }
        if dep == "2B" { c = String(c.prefix(5)) + "18" + String(c.dropFirst(7)) }
        return String(format: "%02d", 97 - Int(Int64(c)! % 97))
    }

    @Test("la demande complète des fixtures n'a aucun problème, métropole comprise")
    func fixtureValide() throws {
        let metropole = try ReferentielCommunes.chargerMetropole()
        #expect(problemes(Fixtures.demande()) == [])
        #expect(problemes(Fixtures.demande(), communesConnues: metropole.codesInsee) == [])
    }

    @Test("plusieurs fautes : toutes signalées d'un coup, chacune à son chemin")
    func toutesLesFautes() throws {
        var d = Fixtures.demande(
            communes: ["38185", "69123", "38185", "3818"], dates: DatesDemande())
        d.demandeur.nomNaissance = "  "
        d.coDemandeurs[0].personne.nir = "186116912301700"
        d.personnesACharge[1].dateNaissance = Jour(2026, 9, 1)!
        d.coordonnees.codePostal = "3800"
        d.coordonnees.email = "claire.martin@"
        d.coordonnees.telephone = "04 76"
        d.motifs = []
        d.logementRecherche.nombrePersonnes = 3
        d.logementRecherche.typologies = []
        d.logementActuel.nombreOccupants = 0
        d.ressources.revenusFiscaux = RevenusFiscaux(anneeN2: 2023, rfrN2: 38_000)
        d.priorites = [PrioriteDeclaree(priorite: .handicap, valideePar: "GAM01")]
        let metropole = try ReferentielCommunes.chargerMetropole()
        let p = problemes(d, communesConnues: metropole.codesInsee)
        #expect(chemins(p).sorted() == [
            "coDemandeurs[0].personne.nir cle",
            "coordonnees.codePostal format",
            "coordonnees.email format",
            "coordonnees.telephone format",
            "demandeur.nomNaissance obligatoire",
            "logementActuel.nombreOccupants horsLimites",
            "logementRecherche.communes[1] horsLimites",
            "logementRecherche.communes[2] incoherent",
            "logementRecherche.communes[3] format",
            "logementRecherche.nombrePersonnes incoherent",
            "logementRecherche.typologies obligatoire",
            "motifs obligatoire",
            "personnesACharge[1].dateNaissance horsLimites",
            "priorites[0] incoherent",
            "ressources.revenusFiscaux.anneeN2 incoherent",
        ])
        for probleme in p {
            #expect(!probleme.message.isEmpty)
            #expect(probleme.description == "\(probleme.chemin) : \(probleme.message)")
        }
        #expect(p.first { $0.chemin == "demandeur.nomNaissance" }?.message == "Le nom de naissance du demandeur est obligatoire.")
        #expect(p.first { $0.chemin == "personnesACharge[1].dateNaissance" }?.message
            == "La date de naissance de la personne à charge 2 est dans le futur.")
        #expect(p.first { $0.chemin == "logementRecherche.communes[3]" }?.message == "« 3818 » n'est pas un code INSEE de commune.")
    }

    // MARK: - NIR

    @Test("NIR : clé calculée dans le test, 97 − (numéro mod 97)")
    func nirValide() {
        let corps = "1 84 12 75 116 001"
        #expect(cle(corps) == "26")
        #expect(NIR.probleme(corps + " 26", dateNaissance: Jour(1984, 12, 3)) == nil)
        #expect(NIR.probleme("184127511600126", dateNaissance: nil) == nil)
        #expect(NIR.probleme("2 88 04 38 185 042 " + cle("2 88 04 38 185 042"), dateNaissance: Jour(1988, 4, 12)) == nil)
        // A key below 10 is written on two digits.
        let corpsCleCourte = (0..<1000).lazy.map { String(format: "1841275116%03d", $0) }.first { cle($0).hasPrefix("0") }!
        #expect(NIR.probleme(corpsCleCourte + cle(corpsCleCourte), dateNaissance: nil) == nil)
    }

    @Test("NIR corse : 2A lu 19, 2B lu 18 (exemples publiés)", arguments: [
        ("1 62 06 2A 765 118", "05"),
        ("1 62 06 2B 765 118", "32"),
        ("2 53 07 2A 073 004", "43"),
        ("2 53 07 2B 073 004", "70"),
    ])
    func nirCorse(corps: String, cleAttendue: String) {
        #expect(cle(corps) == cleAttendue)
        #expect(NIR.probleme(corps + cleAttendue, dateNaissance: nil) == nil)
        #expect(NIR.probleme(corps.lowercased() + cleAttendue, dateNaissance: nil) == nil, "2a/2b en minuscules")
        let fausse = String(format: "%02d", Int(cleAttendue)! % 97 + 1)
        #expect(NIR.probleme(corps + fausse, dateNaissance: nil) == "La clé du NIR ne correspond pas (vérifiez la saisie).")
    }

    @Test("NIR corse : A ou B hors du département refusés quelle que soit la clé")
    func nirCorseLettresAilleurs() {
        for k in 1...97 {
            #expect(NIR.probleme("184122A2A1001" + String(format: "%02d", k), dateNaissance: nil) != nil, "clé \(k)")
        }
        #expect(NIR.probleme("1841275116001" + "2A", dateNaissance: nil) == "Le NIR ne contient que des chiffres (et 2A/2B pour la Corse).")
    }

    @Test("NIR : mauvaise clé, longueur, premier chiffre, lettres", arguments: [
        ("184127511600127", "La clé du NIR ne correspond pas (vérifiez la saisie)."),
        ("184127511600100", "La clé du NIR ne correspond pas (vérifiez la saisie)."),
        ("18412751160012", "Le NIR compte 15 caractères, clé comprise (reçu 14)."),
        ("1841275116001260", "Le NIR compte 15 caractères, clé comprise (reçu 16)."),
        ("584127511600126", "Le NIR commence par 1 ou 2 (sexe), ou 3, 4, 7, 8 pour un numéro provisoire."),
        ("1841275116O0126", "Le NIR ne contient que des chiffres (et 2A/2B pour la Corse)."),
        ("1841275116001+6", "Le NIR ne contient que des chiffres (et 2A/2B pour la Corse)."),
    ])
    func nirInvalide(nir: String, message: String) {
        #expect(NIR.probleme(nir, dateNaissance: nil) == message)
    }

    @Test("NIR : l'année de naissance doit concorder")
    func nirAnneeNaissance() {
        let nir = "184127511600126"
        #expect(NIR.probleme(nir, dateNaissance: Jour(1984, 1, 1)) == nil)
        #expect(NIR.probleme(nir, dateNaissance: Jour(1985, 12, 3))
            == "L'année de naissance du NIR (84) ne correspond pas à la date de naissance.")
        var d = Fixtures.demande()
        d.demandeur.nir = nir
        #expect(chemins(problemes(d)) == ["demandeur.nir cle"])
        d.demandeur.dateNaissance = Jour(1984, 12, 3)!
        #expect(problemes(d) == [])
    }

    // MARK: - Communes

    @Test("communes hors de la métropole : signalées seulement avec le référentiel")
    func communesHorsMetropole() throws {
        let metropole = try ReferentielCommunes.chargerMetropole()
        let d = Fixtures.demande(communes: ["38185", "69123", "38053"])
        #expect(problemes(d) == [])
        let p = problemes(d, communesConnues: metropole.codesInsee)
        #expect(p == [
            ProblemeValidation(chemin: "logementRecherche.communes[1]", code: "horsLimites",
                               message: "La commune 69123 n'appartient pas au territoire de la métropole."),
            ProblemeValidation(chemin: "logementRecherche.communes[2]", code: "horsLimites",
                               message: "La commune 38053 n'appartient pas au territoire de la métropole."),
        ])
        #expect(problemes(Fixtures.demande(communes: []), communesConnues: metropole.codesInsee).map(\.chemin)
            == ["logementRecherche.communes"])
    }

    // MARK: - Resources

    @Test("RFR d'une autre année que N-2 : incohérent, l'année attendue est nommée", arguments: [2023, 2025, 2026])
    func rfrMauvaiseAnnee(annee: Int) {
        let d = Fixtures.demande(revenus: RevenusFiscaux(anneeN2: annee, rfrN2: 38_000))
        let p = problemes(d)
        #expect(p.count == 1)
        #expect(p.first?.chemin == "ressources.revenusFiscaux.anneeN2")
        #expect(p.first?.code == "incoherent")
        #expect(p.first?.message == "Le revenu fiscal de référence retenu en 2026 est celui de 2024 (avis 2025), pas de \(annee).")
    }

    @Test("RFR négatif, N-1 demandé sans montant")
    func rfrIncomplet() {
        let d = Fixtures.demande(revenus: RevenusFiscaux(anneeN2: 2024, rfrN2: -1, n1Demande: true))
        #expect(chemins(problemes(d)) == ["ressources.revenusFiscaux.rfrN2 horsLimites", "ressources.revenusFiscaux.revenuN1 obligatoire"])
    }

    // MARK: - Household

    @Test("nombre de personnes à loger inférieur au ménage déclaré", arguments: [(3, true), (4, false), (5, false), (1, true)])
    func nombrePersonnes(nombre: Int, probleme: Bool) {
        let p = problemes(Fixtures.demande(nombrePersonnes: nombre))
        #expect(p.contains { $0.chemin == "logementRecherche.nombrePersonnes" && $0.code == "incoherent" } == probleme)
        if probleme {
            #expect(p.first?.message == "Le nombre de personnes à loger (\(nombre)) est inférieur au ménage déclaré (4).")
        }
    }

    @Test("âge du demandeur et des co-demandeurs : 16 ans au moins, 120 ans au plus")
    func ages() {
        var d = Fixtures.demande()
        d.coDemandeurs[0].personne = Personne(nomNaissance: "BENALI", prenoms: "Sami", dateNaissance: Jour(2010, 6, 16)!)
        #expect(chemins(problemes(d)) == ["coDemandeurs[0].personne.dateNaissance horsLimites"])
        d.coDemandeurs[0].personne.dateNaissance = Jour(2010, 6, 15)!
        #expect(problemes(d) == [], "16 ans le jour même")
        d.demandeur.dateNaissance = Jour(1905, 6, 14)!
        d.demandeur.nir = nil
        #expect(chemins(problemes(d)) == ["demandeur.dateNaissance horsLimites"])
    }

    @Test("un seul co-demandeur conjoint")
    func unSeulConjoint() {
        let second = CoDemandeur(
            personne: Personne(nomNaissance: "DURAND", prenoms: "Alex", dateNaissance: Jour(1990, 1, 1)!), lien: .concubin)
        let d = Fixtures.demande(coDemandeurs: [Fixtures.conjoint, second], nombrePersonnes: 5)
        #expect(chemins(problemes(d)) == ["coDemandeurs incoherent"])
    }
}
