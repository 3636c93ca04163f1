import Foundation

/// An offer read from a bailleur's file, before the server gives it an identity and a status.
///
/// The server keys offers by (`bailleur`, `referenceBailleur`): an equal offer changes nothing, a different one
/// updates the stored `Offre` (docs/OFFRES-CSV.md, « Réimporter »).
public struct OffreImportee: Sendable, Hashable, Codable {
    /// The bailleur's own reference, unique in its file.
    public var referenceBailleur: String
    /// Code of the bailleur's guichet, given by the caller (never read from the file).
    public var bailleur: String
    public var rpls: String?
    public var communeInsee: String
    public var adresse: String
    public var typologie: Typologie
    /// Surface habitable in m².
    public var surface: Int
    public var loyer: Euros
    /// Monthly charges, including the annexes' rent and the flat charges the taux d'effort counts (docs/DOMAIN.md §17.2).
    public var charges: Euros
    public var financement: Financement
    public var etage: Int
    public var ascenseur: Bool
    public var accessibilite: BesoinAccessibilite
    public var disponibleLe: Jour
    public var reservataire: Reservataire

    /// Creates an imported offer from its fields.
    public init(
        referenceBailleur: String, bailleur: String, rpls: String? = nil, communeInsee: String, adresse: String,
        typologie: Typologie, surface: Int, loyer: Euros, charges: Euros, financement: Financement, etage: Int,
        ascenseur: Bool, accessibilite: BesoinAccessibilite, disponibleLe: Jour, reservataire: Reservataire
    ) {
        self.referenceBailleur = referenceBailleur
        self.bailleur = bailleur
        self.rpls = rpls
        self.communeInsee = communeInsee
        self.adresse = adresse
        self.typologie = typologie
        self.surface = surface
        self.loyer = loyer
        self.charges = charges
        self.financement = financement
        self.etage = etage
        self.ascenseur = ascenseur
        self.accessibilite = accessibilite
        self.disponibleLe = disponibleLe
        self.reservataire = reservataire
    }

    /// The imported part of a stored offer: compare it with a new import to know whether anything changed.
    public init(offre: Offre) {
        self.init(
            referenceBailleur: offre.referenceBailleur, bailleur: offre.bailleur, rpls: offre.rpls, communeInsee: offre.communeInsee,
            adresse: offre.adresse, typologie: offre.typologie, surface: offre.surface, loyer: offre.loyer, charges: offre.charges,
            financement: offre.financement, etage: offre.etage, ascenseur: offre.ascenseur, accessibilite: offre.accessibilite,
            disponibleLe: offre.disponibleLe, reservataire: offre.reservataire)
    }

    /// The offer with a server identity and status.
    public func offre(id: UUID, statut: StatutOffre = .publiee) -> Offre {
        Offre(
            id: id, referenceBailleur: referenceBailleur, bailleur: bailleur, rpls: rpls, communeInsee: communeInsee, adresse: adresse,
            typologie: typologie, surface: surface, loyer: loyer, charges: charges, financement: financement, etage: etage,
            ascenseur: ascenseur, accessibilite: accessibilite, disponibleLe: disponibleLe, reservataire: reservataire, statut: statut)
    }

    /// The file columns whose value differs from a stored offer, in the documented order (empty: nothing to update).
    ///
    /// `reference` and the bailleur are the key and are not compared.
    public func colonnesModifiees(depuis offre: Offre) -> [ColonneOffre] {
        let avant = OffreImportee(offre: offre)
        return ColonneOffre.allCases.filter { colonne in
            switch colonne {
            case .reference: false
            case .rpls: rpls != avant.rpls
            case .communeInsee: communeInsee != avant.communeInsee
            case .adresse: adresse != avant.adresse
            case .typologie: typologie != avant.typologie
            case .surface: surface != avant.surface
            case .loyer: loyer != avant.loyer
            case .charges: charges != avant.charges
            case .financement: financement != avant.financement
            case .etage: etage != avant.etage
            case .ascenseur: ascenseur != avant.ascenseur
            case .accessibilite: accessibilite != avant.accessibilite
            case .disponibleLe: disponibleLe != avant.disponibleLe
            case .reservataire: reservataire != avant.reservataire
            }
        }
    }
}
