import Foundation

/// What the filters need to know about one offer, computed once before scanning the profiles.
struct ContexteOffre: Sendable {
    let offre: Offre
    /// Reference day: its year picks the ceilings.
    let jour: Jour
    /// Packed commune code (nil when the offer's code is malformed: no commune then matches).
    let code: CodeCommune?
    /// `code.bitSignature`, 0 without a code.
    let bitCommune: UInt64
    /// The commune in the métropole's referential, nil outside the métropole.
    let commune: Commune?
    /// Zone of the ceilings: the referential's, or `ZonePlafond.pour` outside it (the dwelling's commune decides).
    let zone: ZonePlafond
    /// Occupancy bounds of the offer's typology.
    let occupation: ClosedRange<Int>?
    /// Monthly rent + charges of the offer.
    let quittance: Euros
    /// Whether `table` holds the ceilings of `jour.annee`.
    let anneeChargee: Bool
    let table: TablePlafonds
    let parametres: ParametresRapprochement

    init(
        offre: Offre, table: TablePlafonds, referentiel: ReferentielCommunes, parametres: ParametresRapprochement,
        au jour: Jour
    ) {
        self.offre = offre
        self.jour = jour
        let code = CodeCommune(offre.communeInsee)
        self.code = code
        bitCommune = code?.bitSignature ?? 0
        let commune = referentiel.commune(insee: offre.communeInsee)
        self.commune = commune
        zone = commune?.zone ?? ZonePlafond.pour(communeInsee: offre.communeInsee)
        occupation = parametres.occupation.bornes(pour: offre.typologie)
        quittance = offre.loyer + offre.charges
        anneeChargee = table.baremes[jour.annee] != nil
        self.table = table
        self.parametres = parametres
    }

    /// « 38185 (Grenoble) », or the bare code outside the référentiel.
    var libelleCommune: String {
        commune.map { "\(offre.communeInsee) (\($0.nom))" } ?? offre.communeInsee
    }
}
