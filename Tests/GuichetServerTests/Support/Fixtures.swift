import Foundation
import GuichetDomain

/// A complete, valid demande as of March 2026 (RFR 2024).
enum Fixtures {
    static func demande(id: UUID = UUID.v7(), nom: String = "Martin", communes: [String] = ["38185", "38151"]) -> Demande {
        Demande(
            id: id,
            demandeur: Personne(civilite: .madame, nomNaissance: nom, prenoms: "Claire", dateNaissance: Jour(1988, 5, 12)!,
                                situationProfessionnelle: .salariePrive, revenusMensuels: [RevenuMensuel(type: .salaire, montant: 1650)]),
            coordonnees: Coordonnees(adresse: "12 rue des Alpes", codePostal: "38000", commune: "Grenoble", telephone: "0476000000"),
            situationFamiliale: .celibataire,
            personnesACharge: [Personne(nomNaissance: nom, prenoms: "Léo", dateNaissance: Jour(2015, 9, 3)!)],
            ressources: Ressources(revenusFiscaux: RevenusFiscaux(anneeN2: 2024, rfrN2: 19_800)),
            logementActuel: LogementActuel(situation: .locatairePrive, nombreOccupants: 2, surfaceHabitable: 28, loyer: 640),
            motifs: [.logementTropCher, .logementTropPetit],
            logementRecherche: LogementRecherche(typologies: [.t2, .t3], nombrePersonnes: 2, communes: communes, elargissementAccepte: true,
                                                 loyerMaximum: 550))
    }
}
