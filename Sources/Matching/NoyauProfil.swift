import Foundation

/// The part of a `ProfilDemande` read for every offer: plain values only (no `String`, no array, no reference), so
/// that scanning tens of thousands of profiles copies bytes and never touches a reference count.
struct NoyauProfil: Sendable, Hashable {
    var actif: Bool
    var jourReference: Jour
    var depot: Jour?
    /// Days since an epoch of the dépôt; `Int.max` without dépôt, so such demandes rank last.
    var cleDepot: Int
    /// The UUID's 16 bytes as two integers, the last tie-breaker of every ranking.
    var cleIdHaut: UInt64
    var cleIdBas: UInt64
    var ancienneteMois: Int
    var revenuRetenu: Int?
    var plafonds: PlafondsMenage?
    var ressourcesMensuelles: Euros
    var personnes: Int
    var nombrePersonnesACharge: Int
    var parentIsole: Bool
    /// One bit per wished commune (`CodeCommune.bitSignature`): a clear bit proves the commune is not wished.
    var signatureCommunes: UInt64
    var typologies: MasqueTypologies
    var premiereTypologie: Typologie?
    var premiereCommune: CodeCommune?
    var elargissement: Bool
    var loyerMaximum: Euros?
    var accessibilite: BesoinAccessibilite
    var ascenseurRequis: Bool
    var etageMaximum: Int?
    var logement: LogementActuelProfil
    var prioritesDeclarees: MasquePriorites
    var prioritesValidees: MasquePriorites
    var dalo: Bool
    var handicapMenage: Bool
    var motifs: MasqueMotifs

    init(
        demande: Demande, revenu: DeterminationRevenu, categorie: CategorieMenage, communes: EnsembleCommunes,
        table: TablePlafonds, au jour: Jour
    ) {
        actif = demande.estActive
        jourReference = jour
        depot = demande.dates.depot
        cleDepot = demande.dates.depot?.jourJulien ?? Int.max
        let u = demande.id.uuid
        cleIdHaut = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7].reduce(0) { $0 << 8 | UInt64($1) }
        cleIdBas = [u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15].reduce(0) { $0 << 8 | UInt64($1) }
        ancienneteMois = demande.ancienneteMois(au: jour)
        if case let .retenu(r) = revenu { revenuRetenu = r.montant } else { revenuRetenu = nil }
        plafonds = PlafondsMenage(table: table, annee: jour.annee, categorie: categorie)
        let adultes = [demande.demandeur] + demande.coDemandeurs.map(\.personne)
        ressourcesMensuelles = (adultes + demande.personnesACharge).reduce(.zero) { $0 + $1.totalRevenusMensuels }
        let recherche = demande.logementRecherche
        let compte = adultes.count + demande.personnesACharge.count + demande.enfantsDroitDeVisite.count
            + max(0, demande.enfantsANaitre)
        personnes = recherche.nombrePersonnes > 0 ? recherche.nombrePersonnes : compte
        nombrePersonnesACharge = demande.personnesACharge.count
        let mineurs = demande.personnesACharge.filter { $0.dateNaissance.ageRevolu(au: jour) < 18 }
        parentIsole = demande.coDemandeurs.isEmpty && !mineurs.isEmpty
        signatureCommunes = communes.codes.reduce(0) { $0 | $1.bitSignature }
        typologies = MasqueTypologies(recherche.typologies)
        premiereTypologie = recherche.typologies.first
        premiereCommune = communes.premiere
        elargissement = recherche.elargissementAccepte
        loyerMaximum = recherche.loyerMaximum
        accessibilite = recherche.accessibilite
        ascenseurRequis = recherche.ascenseurRequis
        etageMaximum = recherche.etageMaximum
        logement = LogementActuelProfil(demande.logementActuel)
        prioritesDeclarees = MasquePriorites(demande.priorites.map(\.priorite))
        prioritesValidees = MasquePriorites(demande.priorites.filter(\.estValidee).map(\.priorite))
        dalo = demande.dalo
        handicapMenage = (adultes + demande.personnesACharge + demande.enfantsDroitDeVisite).contains(where: \.handicap)
        motifs = MasqueMotifs(demande.motifs)
    }

    /// Ancienneté in whole months on `jour` (the cached value when `jour` is the reference day).
    @inline(__always)
    func ancienneteMois(au jour: Jour) -> Int {
        if jour == jourReference { return ancienneteMois }
        return depot.map { $0.moisRevolus(jusqua: jour) } ?? 0
    }
}
