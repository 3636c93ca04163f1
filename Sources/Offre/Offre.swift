import Foundation

/// A vacant logement published by a bailleur, for the rapprochement offre/demande.
public struct Offre: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// The bailleur's own reference: importing the same reference again updates, never duplicates.
    public var referenceBailleur: String
    /// Code of the bailleur's guichet.
    public var bailleur: String
    public var rpls: String?
    public var communeInsee: String
    public var adresse: String
    public var typologie: Typologie
    /// Surface habitable in m².
    public var surface: Int
    public var loyer: Euros
    public var charges: Euros
    public var financement: Financement
    public var etage: Int
    public var ascenseur: Bool
    public var accessibilite: BesoinAccessibilite
    public var disponibleLe: Jour
    public var reservataire: Reservataire
    public var statut: StatutOffre

    public init(
        id: UUID, referenceBailleur: String, bailleur: String, rpls: String? = nil, communeInsee: String, adresse: String,
        typologie: Typologie, surface: Int, loyer: Euros, charges: Euros, financement: Financement, etage: Int,
        ascenseur: Bool, accessibilite: BesoinAccessibilite, disponibleLe: Jour, reservataire: Reservataire,
        statut: StatutOffre = .publiee
    ) {
        self.id = id
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
        self.statut = statut
    }
}

/// Holder of the reservation right on the dwelling.
public enum Reservataire: String, Sendable, Hashable, Codable, CaseIterable {
    case etat, etatFonctionnaires, actionLogement, collectivite, bailleur
}

/// Offer lifecycle: publiée → candidats désignés → attribuée / retirée.
public enum StatutOffre: String, Sendable, Hashable, Codable, CaseIterable {
    case publiee, candidatsDesignes, attribuee, retiree
}
