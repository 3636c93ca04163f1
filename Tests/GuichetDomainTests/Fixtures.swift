import Foundation
import GuichetDomain

/// Shared test data: a complete, valid demande of a Grenoble household (a married couple and two children).
enum Fixtures {
    /// The reference day of the fixture (the demande is checked against the 2026 ceilings, RFR 2024).
    static let aujourdhui = Jour(2026, 6, 15)!

    static let idDemande = UUID(uuidString: "01970000-0000-7000-8000-000000000001")!

    /// A valid NIR: `corps` (13 characters, spaces allowed) followed by its key, 97 − (corps mod 97).
    static func nir(_ corps: String) -> String {
        let c = corps.replacingOccurrences(of: " ", with: "")
        return c + String(format: "%02d", 97 - Int(Int64(c)! % 97))
    }

    static let demandeur = Personne(
        civilite: .madame, nomNaissance: "MARTIN", prenoms: "Claire", dateNaissance: Jour(1988, 4, 12)!,
        nir: nir("2 88 04 38 185 042"), situationProfessionnelle: .salariePrive,
        revenusMensuels: [RevenuMensuel(type: .salaire, montant: 1_850)])

    static let conjoint = CoDemandeur(
        personne: Personne(
            civilite: .monsieur, nomNaissance: "BENALI", prenoms: "Karim", dateNaissance: Jour(1986, 11, 3)!,
            nir: nir("1 86 11 69 123 017"), situationProfessionnelle: .agentCollectivite,
            revenusMensuels: [RevenuMensuel(type: .salaire, montant: Euros(centimes: 1_420_50))]),
        lien: .marie)

    static let enfants = [
        Personne(nomNaissance: "BENALI", prenoms: "Lucas", dateNaissance: Jour(2015, 9, 1)!),
        Personne(nomNaissance: "BENALI", prenoms: "Inès", dateNaissance: Jour(2019, 2, 14)!),
    ]

    /// A complete valid demande; every part can be replaced to build a faulty or different one.
    static func demande(
        id: UUID = idDemande, statut: StatutDemande = .brouillon, demandeur: Personne = demandeur,
        coDemandeurs: [CoDemandeur] = [conjoint], personnesACharge: [Personne] = enfants,
        enfantsDroitDeVisite: [Personne] = [], revenus: RevenusFiscaux = RevenusFiscaux(anneeN2: 2024, rfrN2: 38_000),
        separationEnCours: Bool = false, nombrePersonnes: Int = 4, communes: [String] = ["38185", "38421", "38151"],
        dates: DatesDemande = DatesDemande()
    ) -> Demande {
        Demande(
            id: id, statut: statut, demandeur: demandeur,
            coordonnees: Coordonnees(
                adresse: "12 rue Très-Cloîtres", codePostal: "38000", commune: "Grenoble", telephone: "04 76 00 00 00",
                email: "claire.martin@example.fr"),
            situationFamiliale: .marie, coDemandeurs: coDemandeurs, personnesACharge: personnesACharge,
            enfantsDroitDeVisite: enfantsDroitDeVisite,
            ressources: Ressources(revenusFiscaux: revenus, separationEnCours: separationEnCours),
            logementActuel: LogementActuel(
                situation: .locatairePrive, nombreOccupants: 4, surfaceHabitable: 42, nombrePieces: 2, loyer: 780,
                charges: 60, aideLogement: 210),
            motifs: [.logementTropPetit],
            logementRecherche: LogementRecherche(
                typologies: [.t3, .t4], nombrePersonnes: nombrePersonnes, communes: communes, elargissementAccepte: true,
                loyerMaximum: 750),
            dates: dates)
    }

    /// A numéro unique of the Isère territory, registered by guichet GAM01.
    static func numero(_ sequence: Int = 1) -> NumeroUnique {
        try! NumeroUnique("0380125" + String(format: "%06d", sequence) + "GAM01")
    }
}
