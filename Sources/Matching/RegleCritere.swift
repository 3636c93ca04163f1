import Foundation

/// A grid criterion reduced to plain values for the fast score: what it measures, how it counts, and the bits of
/// the motif, priority and validation it reads, computed once when the grid is loaded.
struct RegleCritere: Sendable, Hashable {
    let code: CodeCritere
    let points: Int
    let mode: ModeCritere
    let plafond: Int?
    let seuil: Int?
    let exclusif: Bool
    /// Index of the criterion's rubric in `GrilleCotation.rubriques`.
    let rubrique: Int
    /// Bit of `code.motif` in `MasqueMotifs`, 0 when the code reads no motif.
    let bitsMotif: UInt64
    /// Bit of `code.priorite` in `MasquePriorites`, 0 when the code reads no priority.
    let bitsPriorite: UInt32
    /// Bit of the priority whose validation the criterion needs; 0 when it needs none.
    let bitsValidation: UInt32

    init(_ c: CritereCotation, rubrique: Int) {
        code = c.code
        points = c.points
        mode = c.mode
        plafond = c.plafond
        seuil = c.seuil
        exclusif = c.exclusifDansRubrique
        self.rubrique = rubrique
        bitsMotif = c.code.motif.map(MasqueMotifs.bit) ?? 0
        bitsPriorite = c.code.priorite.map(MasquePriorites.bit) ?? 0
        // The loader refuses `necessiteValidation` on a code without `valideePar`.
        bitsValidation = c.necessiteValidation ? c.code.valideePar.map(MasquePriorites.bit) ?? UInt32.max : 0
    }

    /// Validated when no validation is needed, or when the priority that validates it is validated.
    @inline(__always)
    func estValide(_ n: NoyauProfil) -> Bool {
        bitsValidation == 0 || n.prioritesValidees.bits & bitsValidation != 0
    }

    /// Points for a measured quantity, before validation and exclusivity.
    @inline(__always)
    func pointsBruts(_ quantite: Int) -> Int {
        guard quantite > 0 else { return 0 }
        switch mode {
        case .ponctuel: return points
        case .parMois, .parPersonne:
            let total = points.multipliedReportingOverflow(by: quantite)
            let brut = total.overflow ? Int.max : total.partialValue
            return plafond.map { min(brut, $0) } ?? brut
        }
    }

    /// The quantity measured: 0 when the criterion is not met, 1 for a met condition, months or persons otherwise.
    @inline(__always)
    func quantite(_ n: NoyauProfil, au jour: Jour) -> Int {
        if bitsPriorite != 0 { return n.prioritesDeclarees.bits & bitsPriorite != 0 ? 1 : 0 }
        if bitsMotif != 0 { return n.motifs.bits & bitsMotif != 0 ? 1 : 0 }
        let l = n.logement
        let vrai: Bool
        switch code {
        case .anciennete: return n.ancienneteMois(au: jour)
        case .personnesACharge: return n.nombrePersonnesACharge
        case .delaiAnormalementLong: vrai = n.ancienneteMois(au: jour) >= (seuil ?? Int.max)
        case .dalo: vrai = n.dalo
        case .sansAbri: vrai = l.situation == .sansAbri
        case .hebergementStructure:
            switch l.situation {
            case .structureHebergement, .logementTemporaire, .logementFoyer, .hotel: vrai = true
            default: vrai = false
            }
        case .hebergeChezTiers: vrai = l.situation == .hebergeTiers
        case .hebergeChezParents: vrai = l.situation == .hebergeParents
        case .surOccupationSurface:
            vrai = l.surface.map { $0 < Peuplement.surfaceMinimale(occupants: l.occupants) } ?? false
        case .surOccupationPieces:
            vrai = l.pieces.map { $0 < Peuplement.piecesNecessaires(occupants: l.occupants) } ?? false
        case .logementNonDecent: vrai = l.nonDecent
        case .logementIndigne: vrai = l.indigne
        case .handicapMenage: vrai = n.handicapMenage
        case .tauxEffortLogementActuel:
            guard let cout = l.coutNet, n.ressourcesMensuelles.centimes > 0, let seuil else { return 0 }
            vrai = cout.centimes * 100 > seuil * n.ressourcesMensuelles.centimes
        case .parentIsole: vrai = n.parentIsole
        default: vrai = false  // priority and motif codes are measured above
        }
        return vrai ? 1 : 0
    }
}
