import Foundation

/// What the matching and the cotation need to know about one demande, computed once per demande version and
/// reference day, so that comparing it with an offer is a handful of integer comparisons (no JSON, no `String`,
/// no allocation): the rapprochement compares one offer with tens of thousands of profiles.
///
/// Build one with `init(demande:table:au:)` whenever the demande changes, and again when the reference day moves
/// to another year (the ceilings and the revenu retenu change on 1 January) or when ages matter (jeune ménage).
/// The values read for every offer sit in a plain-value core; the accessors are in ProfilDemande+Acces.swift.
public struct ProfilDemande: Sendable, Hashable, Identifiable {
    /// Id of the demande.
    public let id: UUID
    /// Numéro unique, nil before registration.
    public let numeroUnique: NumeroUnique?
    /// Catégorie de ménage on `jourReference` (arrêté du 29 juillet 1987 art. 2).
    public let categorie: CategorieMenage
    /// The income compared with the ceilings of `jourReference.annee`, or why it cannot be (docs/DOMAIN.md §7).
    public let revenu: DeterminationRevenu
    /// The declared fiscal incomes, to redo the choice for another year.
    public let revenusFiscaux: RevenusFiscaux
    /// Communes wished, in order (box G3).
    public let communes: EnsembleCommunes
    /// The plain values read for every offer.
    let noyau: NoyauProfil

    /// Builds the profile of `demande` on `jour`, with the ceilings of `jour.annee` taken from `table`.
    public init(demande: Demande, table: TablePlafonds, au jour: Jour) {
        id = demande.id
        numeroUnique = demande.numeroUnique
        let categorie = demande.categorieMenage(au: jour)
        self.categorie = categorie
        let revenu = demande.ressources.revenusFiscaux.revenuRetenu(pourAnnee: jour.annee)
        self.revenu = revenu
        revenusFiscaux = demande.ressources.revenusFiscaux
        let communes = EnsembleCommunes(demande.logementRecherche.communes)
        self.communes = communes
        noyau = NoyauProfil(demande: demande, revenu: revenu, categorie: categorie, communes: communes, table: table, au: jour)
    }
}
