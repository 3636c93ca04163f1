import Foundation

/// Pièces justificatives of the dossier unique (domain.md §3, §12.11): metadata only.
extension GenerateurMetropole {
    /// Pièces of demande `index`: each adult's identity piece at the dépôt, then a Poisson number (mean 5.5, + 1 per
    /// further adult) of pieces relevant to the household, mostly in the first months, until the demande's end.
    mutating func pieces(_ s: DemandeSynthetique, esquisse e: Esquisse, index: Int) -> [PieceSynthetique] {
        var t = Tirage(SplitMix64.flux(Self.fluxPieces, index: UInt64(index), graine: graine))
        let d = s.demande
        let p = e.parcours
        let adultes = d.personnesALoger.filter { $0.1.dateNaissance.ageRevolu(au: p.depot) >= 18 }
        var pieces: [PieceSynthetique] = []
        for (ref, personne) in adultes {
            let type: TypePiece = personne.nationalite == .horsUnionEuropeenne ? .titreSejour : .pieceIdentite
            let le = e.enLigne ? instantEnLigne(p.depot, &t) : calendrier.instant(p.depot, &t)
            pieces.append(piece(d.id, type, ref, le, s.guichetCode, &t))
        }
        var candidats = self.candidats(d)
        var suivantes: [PieceSynthetique] = []
        for _ in 0..<min(candidats.count, t.poisson(demiUnites: 11 + 2 * (adultes.count - 1))) {
            let i = t.tirage(candidats.map(\.poids))
            let (type, ref) = (candidats[i].type, candidats[i].personne)
            candidats[i].poids = 0
            let etendue = p.depot.jours(jusqua: p.fin)
            let u = t.reel(0...1)
            let vise = p.depot.ajoutant(jours: Int(u * u * Double(min(etendue, 365))))
            let jourRecu = calendrier.ouvre(vise, entre: p.depot, et: p.fin) ?? vise
            let enLigne = e.enLigne && t.oui(0.6)
            let le = enLigne ? instantEnLigne(jourRecu, &t) : calendrier.instant(jourRecu, &t)
            let guichet = enLigne ? s.guichetCode
                : [s.guichetCode, ReseauSynthetique.poleHabitatSocial, t.element(ReseauSynthetique.points).guichet.code][t.tirage([0.6, 0.2, 0.2])]
            suivantes.append(piece(d.id, type, ref, le, guichet, &t))
        }
        let ordre = suivantes.indices.sorted { (suivantes[$0].recueLe, $0) < (suivantes[$1].recueLe, $1) }
        return pieces + ordre.map { suivantes[$0] }
    }

    /// An instant of `jour` between 7:00 and 23:00 (an online upload).
    mutating func instantEnLigne(_ jour: Jour, _ t: inout Tirage) -> Date {
        calendrier.minuit(jour).addingTimeInterval(TimeInterval(t.uniforme(7 * 3600...23 * 3600 - 1)))
    }

    func piece(_ demandeId: UUID, _ type: TypePiece, _ ref: RefPersonne, _ le: Date, _ guichet: String, _ t: inout Tirage) -> PieceSynthetique {
        // 1–3 pages of 0.3–1.5 MB (§12.12).
        let taille = t.uniforme(1...3) * t.uniforme(300_000...1_500_000)
        return PieceSynthetique(
            id: t.uuid(a: le), demandeId: demandeId, type: type, personne: ref, taille: taille, sha256: t.hex64(),
            mediaType: t.oui(0.7) ? "application/pdf" : "image/jpeg", recueLe: le, guichetCode: guichet)
    }

    /// The pieces this household may bring, with weights (the arrêté du 22 décembre 2020's list, domain.md §3).
    func candidats(_ d: Demande) -> [(type: TypePiece, personne: RefPersonne, poids: Double)] {
        var c: [(type: TypePiece, personne: RefPersonne, poids: Double)] = []
        func ajouter(_ type: TypePiece, _ poids: Double, _ ref: RefPersonne = .demandeur) { c.append((type, ref, poids)) }
        ajouter(.avisImpositionN2, 10)
        for (i, co) in d.coDemandeurs.enumerated() where co.lien != .marie && co.lien != .pacse {
            ajouter(.avisImpositionN2, 6, .coDemandeur(i))
        }
        ajouter(.avisImpositionN1, d.ressources.revenusFiscaux.n1Demande ? 8 : 1.5)
        ajouter(.justificatifRevenus12Mois, 1.5)
        for (ref, personne) in d.personnesALoger {
            switch personne.situationProfessionnelle {
            case .salariePrive, .agentEtat, .agentHospitalier, .agentCollectivite, .assistantFamilialMaternel:
                ajouter(.bulletinsSalaire, 6, ref)
                ajouter(.contratTravail, 3, ref)
            case .chomage: ajouter(.attestationFranceTravail, 5, ref)
            case .retraite: ajouter(.avisPension, 5, ref)
            case .etudiantApprenti: ajouter(.carteEtudiant, 4, ref)
            case .independant: ajouter(.justificatifActiviteIndependante, 4, ref)
            default: break
            }
            if personne.handicap {
                ajouter(.carteMobiliteInclusion, 7, ref)
                ajouter(.decisionMDPH, 3, ref)
            }
        }
        if !d.personnesACharge.isEmpty || d.situationFamiliale == .marie { ajouter(.livretFamille, 6) }
        for i in d.personnesACharge.indices.prefix(3) { ajouter(.acteNaissance, 1.5, .personneACharge(i)) }
        let prestations: Set<TypeRevenu> = [.allocationsFamiliales, .rsa, .aah, .primeActivite]
        if d.personnesALoger.contains(where: { $0.1.revenusMensuels.contains { prestations.contains($0.type) } }) {
            ajouter(.attestationPrestationsCAF, 5)
        }
        switch d.logementActuel.situation {
        case .locataireHLM, .locatairePrive, .sousLocataire: ajouter(.bailQuittance, 6)
        case .hebergeParents, .hebergeTiers: ajouter(.attestationHebergement, 7)
        case .structureHebergement, .logementFoyer, .logementTemporaire, .hotel: ajouter(.attestationHebergement, 4)
        default: break
        }
        if d.motifs.contains(.procedureExpulsion) { ajouter(.jugementExpulsion, 6) }
        if d.logementActuel.nonDecent { ajouter(.decisionNonDecence, 5) }
        if d.logementActuel.indigne { ajouter(.arreteInsalubrite, 5) }
        if d.motifs.contains(.raisonsSante) { ajouter(.certificatMedical, 3) }
        if d.motifs.contains(.violencesFamiliales) { ajouter(.ordonnanceProtection, 3) }
        if d.dalo { ajouter(.decisionDALO, 9) }
        if d.situationFamiliale == .divorce || d.situationFamiliale == .separe { ajouter(.jugementDivorce, 4) }
        if d.situationFamiliale == .pacse { ajouter(.attestationPacs, 3) }
        if d.enfantsANaitre > 0 { ajouter(.certificatGrossesse, 6) }
        if !d.enfantsDroitDeVisite.isEmpty { ajouter(.justificatifGardeEnfants, 5) }
        ajouter(.autre, 1)
        return c
    }
}
