import Foundation
import GuichetDomain

/// Shared data of the matching tests: the official ceilings, the 49 communes, the example grid, and builders of a
/// profile and an offer around `Fixtures.demande` (a couple with two children in Grenoble, catégorie 4).
enum Rappro {
    /// Reference day: ceilings 2026, RFR 2024.
    static let jour = Jour(2026, 6, 15)!
    static let table = try! TablePlafonds.chargerOfficielles()
    static let referentiel = try! ReferentielCommunes.chargerMetropole()
    static let grille = try! GrilleCotation.chargerExemple()

    /// The fixture demande, registered (active), deposited on 12/03/2024, then changed by `modifier`.
    static func demande(_ modifier: (inout Demande) -> Void = { _ in }) -> Demande {
        var d = Fixtures.demande(
            statut: .enregistree, dates: DatesDemande(depot: Jour(2024, 3, 12)!, enregistrement: Jour(2024, 3, 20)!))
        modifier(&d)
        return d
    }

    /// The profile of `demande(modifier)` on `jour`.
    static func profil(au jour: Jour = jour, _ modifier: (inout Demande) -> Void = { _ in }) -> ProfilDemande {
        ProfilDemande(demande: demande(modifier), table: table, au: jour)
    }

    /// A T3 PLUS offer in Grenoble, 1st floor with a lift, 450 € + 80 €.
    static func offre(
        commune: String = "38185", typologie: Typologie = .t3, loyer: Euros = 450, charges: Euros = 80,
        financement: Financement = .plus, etage: Int = 1, ascenseur: Bool = true, accessibilite: BesoinAccessibilite = .aucun
    ) -> Offre {
        Offre(
            id: UUID(uuidString: "01970000-0000-7000-8000-0000000000AA")!, referenceBailleur: "OPAC-001", bailleur: "B0001",
            communeInsee: commune, adresse: "1 place de la Gare", typologie: typologie, surface: 65, loyer: loyer,
            charges: charges, financement: financement, etage: etage, ascenseur: ascenseur, accessibilite: accessibilite,
            disponibleLe: Jour(2026, 7, 1)!, reservataire: .bailleur)
    }

    /// The result of one filter.
    static func filtre(
        _ filtre: Filtre, _ profil: ProfilDemande, _ offre: Offre = offre(),
        parametres: ParametresRapprochement = ParametresRapprochement(), au jour: Jour = jour
    ) -> ResultatFiltre {
        Rapprochement.filtres(
            offre: offre, profil: profil, table: table, referentiel: referentiel, parametres: parametres, au: jour
        ).first { $0.filtre == filtre }!
    }

    /// Monthly resources: one salary line for the demandeur, none for the others.
    static func ressources(_ d: inout Demande, _ montant: Euros) {
        d.demandeur.revenusMensuels = [RevenuMensuel(type: .salaire, montant: montant)]
        for i in d.coDemandeurs.indices { d.coDemandeurs[i].personne.revenusMensuels = [] }
    }
}
