import Foundation

/// What the stock indicators need of a demande: no name, no address, no income — only dates, status, what is
/// sought, and two data-quality markers. The duplicate key is a hash, never the identity itself.
public struct EtatDemandePilotage: Sendable, Hashable, Codable {
    public var statut: StatutDemande
    public var guichetOrigine: String
    public var numeroUnique: String?
    public var depot: Jour?
    public var enregistrement: Jour?
    /// Date de dépôt or last renewal: validity runs one year from it.
    public var ancrage: Jour?
    public var radiation: Jour?
    public var attribution: Jour?
    /// The smallest typologie sought.
    public var typologie: Typologie?
    /// The first commune wished (INSEE).
    public var commune: String?
    /// No revenu fiscal de référence N-2 entered.
    public var sansRFR: Bool
    /// Same person as another demande when equal: FNV-1a of the NIR, else of birth name, first names and birth date.
    public var cleDoublon: String
    /// Every piece required for instruction is there.
    public var complet: Bool

    public init(statut: StatutDemande, guichetOrigine: String, numeroUnique: String? = nil, depot: Jour?, enregistrement: Jour?,
                ancrage: Jour?, radiation: Jour? = nil, attribution: Jour? = nil, typologie: Typologie?, commune: String?,
                sansRFR: Bool, cleDoublon: String, complet: Bool) {
        self.statut = statut
        self.guichetOrigine = guichetOrigine
        self.numeroUnique = numeroUnique
        self.depot = depot
        self.enregistrement = enregistrement
        self.ancrage = ancrage
        self.radiation = radiation
        self.attribution = attribution
        self.typologie = typologie
        self.commune = commune
        self.sansRFR = sansRFR
        self.cleDoublon = cleDoublon
        self.complet = complet
    }

    public init(_ d: Demande, guichetOrigine: String, pieces: [Piece], au jour: Jour) {
        let identite: String
        if let nir = d.demandeur.nir, !nir.isEmpty {
            identite = "nir:" + nir.filter(\.isNumber)
        } else {
            identite = [d.demandeur.nomNaissance, d.demandeur.prenoms].map(Self.normaliser).joined(separator: "|") + "|" + d.demandeur.dateNaissance.description
        }
        self.init(statut: d.statut, guichetOrigine: guichetOrigine, numeroUnique: d.numeroUnique?.valeur, depot: d.dates.depot,
                  enregistrement: d.dates.enregistrement, ancrage: d.dates.dernierRenouvellement ?? d.dates.depot,
                  radiation: d.dates.radiation, attribution: d.dates.attribution, typologie: d.logementRecherche.typologies.min(),
                  commune: d.logementRecherche.communes.first, sansRFR: d.ressources.revenusFiscaux.rfrN2 == nil,
                  cleDoublon: Self.fnv1a(identite),
                  complet: Completude.evaluer(d, pieces: pieces, etape: .instruction, au: jour).complet)
    }

    /// Registered (or renewed) and neither attributed nor radiated on `jour`.
    public func estActive(au jour: Jour) -> Bool {
        guard let e = enregistrement, e <= jour, statut != .brouillon, statut != .deposee else { return false }
        if let a = attribution, a <= jour { return false }
        if let r = radiation, r <= jour, statut == .radiee { return false }
        return true
    }

    /// End of validity: one year after the anchor (R441-2-7).
    public var finValidite: Jour? { ancrage.map { $0.ajoutant(mois: 12) } }  // = Echeances(ancrage:).finValidite

    static func normaliser(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .filter { $0.isLetter }
    }

    static func fnv1a(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return String(h, radix: 16)
    }
}
