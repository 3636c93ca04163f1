import Foundation

/// A demande de logement social as on the national form (CERFA 14069), with the dates that drive its life.
///
/// Created offline with a client-generated UUIDv7; the numéro unique is assigned by the server on registration.
public struct Demande: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// Server-authored (never a key on the device).
    public var numeroUnique: NumeroUnique?
    public var statut: StatutDemande
    public var demandeur: Personne
    public var coordonnees: Coordonnees
    public var situationFamiliale: SituationFamiliale
    public var coDemandeurs: [CoDemandeur]
    /// Fiscal dependants (children under 18 or handicapped, students under 25 …): count for the plafond.
    public var personnesACharge: [Personne]
    /// Children in droit de visite et d'hébergement or alternating custody not fiscally dependent: they count for
    /// rooms and, as persons who are not dependants, in the catégorie de ménage (L442-12 as amended by ÉLAN, see
    /// `Demande+Menage.swift` and docs/DOMAIN.md); not in `nombrePersonnesFiscales`.
    public var enfantsDroitDeVisite: [Personne]
    public var enfantsANaitre: Int
    public var ressources: Ressources
    public var logementActuel: LogementActuel
    /// Sorted and unique (see `normalisee()`).
    public var motifs: [Motif]
    public var logementRecherche: LogementRecherche
    public var priorites: [PrioriteDeclaree]
    /// Recognised prioritaire et urgent by the commission de médiation.
    public var dalo: Bool
    public var dates: DatesDemande
    public var radiation: Radiation?
    /// Free text of box H1 (personal: never logged).
    public var precisions: String?

    public init(
        id: UUID, numeroUnique: NumeroUnique? = nil, statut: StatutDemande = .brouillon, demandeur: Personne,
        coordonnees: Coordonnees, situationFamiliale: SituationFamiliale, coDemandeurs: [CoDemandeur] = [],
        personnesACharge: [Personne] = [], enfantsDroitDeVisite: [Personne] = [], enfantsANaitre: Int = 0,
        ressources: Ressources, logementActuel: LogementActuel, motifs: [Motif], logementRecherche: LogementRecherche,
        priorites: [PrioriteDeclaree] = [], dalo: Bool = false, dates: DatesDemande = DatesDemande(),
        radiation: Radiation? = nil, precisions: String? = nil
    ) {
        self.id = id
        self.numeroUnique = numeroUnique
        self.statut = statut
        self.demandeur = demandeur
        self.coordonnees = coordonnees
        self.situationFamiliale = situationFamiliale
        self.coDemandeurs = coDemandeurs
        self.personnesACharge = personnesACharge
        self.enfantsDroitDeVisite = enfantsDroitDeVisite
        self.enfantsANaitre = enfantsANaitre
        self.ressources = ressources
        self.logementActuel = logementActuel
        self.motifs = motifs
        self.logementRecherche = logementRecherche
        self.priorites = priorites
        self.dalo = dalo
        self.dates = dates
        self.radiation = radiation
        self.precisions = precisions
    }

    /// Persons counted for the plafond: demandeur, co-demandeurs and dependants (not droit-de-visite children).
    public var nombrePersonnesFiscales: Int { 1 + coDemandeurs.count + personnesACharge.count }

    /// True when enregistrée or renouvelée: the demandes matching and the stock consider.
    public var estActive: Bool { statut == .enregistree || statut == .renouvelee }

    /// The same demande with set-like fields in canonical order (sorted, unique), so equal sets encode equally.
    public func normalisee() -> Demande {
        var d = self
        d.motifs = Array(Set(motifs)).sorted()
        var vues = Set<PrioriteL4411>()
        d.priorites = priorites.sorted { $0.priorite < $1.priorite }.filter { vues.insert($0.priorite).inserted }
        return d
    }
}

/// Address and contacts (CERFA page 1).
public struct Coordonnees: Sendable, Hashable, Codable {
    public var adresse: String
    public var codePostal: String
    public var commune: String
    public var telephone: String?
    public var email: String?
    /// Name of the host person or structure when hébergé.
    public var hebergePar: String?

    public init(
        adresse: String, codePostal: String, commune: String, telephone: String? = nil, email: String? = nil,
        hebergePar: String? = nil
    ) {
        self.adresse = adresse
        self.codePostal = codePostal
        self.commune = commune
        self.telephone = telephone
        self.email = email
        self.hebergePar = hebergePar
    }
}

/// Resources of the household (CERFA page 7).
public struct Ressources: Sendable, Hashable, Codable {
    public var revenusFiscaux: RevenusFiscaux
    /// Pensions alimentaires paid each month (E9).
    public var pensionsAlimentairesVersees: Euros?
    /// Separation in progress, ordonnance de protection, PACS rupture: only the demandeur's resources count (L441-1).
    public var separationEnCours: Bool

    public init(revenusFiscaux: RevenusFiscaux, pensionsAlimentairesVersees: Euros? = nil, separationEnCours: Bool = false) {
        self.revenusFiscaux = revenusFiscaux
        self.pensionsAlimentairesVersees = pensionsAlimentairesVersees
        self.separationEnCours = separationEnCours
    }
}

/// The dates that drive the life of a demande.
public struct DatesDemande: Sendable, Hashable, Codable {
    /// Date de dépôt initial: starts validity and ancienneté, kept across renewals.
    public var depot: Jour?
    /// Registration (numéro unique assigned).
    public var enregistrement: Jour?
    public var dernierRenouvellement: Jour?
    public var radiation: Jour?
    public var attribution: Jour?

    public init(
        depot: Jour? = nil, enregistrement: Jour? = nil, dernierRenouvellement: Jour? = nil, radiation: Jour? = nil,
        attribution: Jour? = nil
    ) {
        self.depot = depot
        self.enregistrement = enregistrement
        self.dernierRenouvellement = dernierRenouvellement
        self.radiation = radiation
        self.attribution = attribution
    }
}
