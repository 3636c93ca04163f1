/// Current housing, motifs and priorities of a generated demande (domain.md §12.7–12.8).
extension GenerateurMetropole {
    /// Situation: HLM .37, privé .22, hébergé parents/tiers .25, structure/foyer/hôtel .08, sans abri .03,
    /// propriétaire .02, autre .03 (§12.12), with occupants, surface, rent and aid in keeping.
    func logementActuel(_ m: Menage, age: Int, _ t: inout Tirage) -> LogementActuel {
        let situation: SituationLogement = switch t.tirage([0.37, 0.22, 0.25, 0.08, 0.03, 0.02, 0.03]) {
        case 0: .locataireHLM
        case 1: .locatairePrive
        case 2: t.oui(age < 30 ? 0.65 : 0.3) ? .hebergeParents : .hebergeTiers
        case 3: [.structureHebergement, .logementFoyer, .logementTemporaire, .hotel, age < 26 ? .residenceEtudiante : .logementFoyer][
            t.tirage([0.35, 0.25, 0.2, 0.1, 0.1])]
        case 4: .sansAbri
        case 5: .proprietaire
        default: [.sousLocataire, .habitatMobile, .autre][t.tirage([0.5, 0.2, 0.3])]
        }
        var l = LogementActuel(situation: situation, nombreOccupants: m.taille)
        switch situation {
        case .locataireHLM, .locatairePrive, .proprietaire, .sousLocataire:
            let pieces = max(1, min(5, m.taille - (t.oui(0.4) ? 1 : 0) + (t.oui(0.2) ? 1 : 0)))
            l.nombrePieces = pieces
            l.surfaceHabitable = pieces * t.uniforme(13...20) + t.uniforme(5...15)
            let surface = Double(l.surfaceHabitable!)
            switch situation {
            case .locataireHLM:
                l.loyer = Euros(Int(surface * t.reel(5.0...7.5)))
                l.bailleurNom = t.element(["Actis", "Société Dauphinoise pour l'Habitat", "Pluralis", "Grenoble Habitat",
                                           "Alpes Isère Habitat", "CDC Habitat"])
            case .locatairePrive:
                l.loyer = Euros(Int(surface * t.reel(10.0...15.0)))
                l.nonDecent = t.oui(0.06)
                l.indigne = t.oui(0.02)
            case .sousLocataire: l.loyer = Euros(t.uniforme(30...60) * 10)
            default: break
            }
            if situation != .proprietaire { l.charges = Euros(t.uniforme(4...18) * 10) }
            if l.loyer != nil, t.oui(0.45) { l.aideLogement = Euros(t.uniforme(8...35) * 10) }
        case .hebergeParents, .hebergeTiers:
            l.nombreOccupants = m.taille + t.uniforme(1...4)
            l.nombrePieces = t.uniforme(2...5)
            l.surfaceHabitable = l.nombrePieces! * t.uniforme(14...20)
        case .structureHebergement, .logementFoyer, .logementTemporaire, .hotel, .residenceEtudiante:
            l.nombrePieces = 1
            l.surfaceHabitable = t.uniforme(9...25) + (m.taille - 1) * 8
            if situation != .structureHebergement { l.loyer = Euros(t.uniforme(30...55) * 10) }
        default: break
        }
        return l
    }

    /// One motif from the situation (§12.7: précarité/hébergement, loyer trop cher, trop petit, santé…), plus 0–2
    /// from the household's circumstances.
    func motifs(_ m: Menage, _ l: LogementActuel, age: Int, _ t: inout Tirage) -> [Motif] {
        let principal: Motif = switch l.situation {
        case .locataireHLM:
            [.logementTropPetit, .raisonsSante, .problemesVoisinage, .logementTropCher, m.taille == 1 && age >= 60 ? .logementTropGrand : .eloigneEquipements,
             .rapprochementTravail, .rapprochementFamilial][t.tirage([0.30, 0.15, 0.12, 0.15, 0.10, 0.10, 0.08])]
        case .locatairePrive:
            l.indigne ? .logementIndigne : l.nonDecent ? .logementNonDecent
                : [.logementTropCher, .logementTropPetit, .logementRepris, .procedureExpulsion, .rapprochementTravail][
                    t.tirage([0.45, 0.25, 0.1, 0.08, 0.12])]
        case .hebergeParents: .hebergeParents
        case .hebergeTiers: .hebergeTiers
        case .structureHebergement, .logementFoyer, .residenceEtudiante: .structureHebergement
        case .logementTemporaire: .logementTemporaire
        case .hotel: .hotel
        case .sansAbri, .habitatMobile: .sansLogement
        case .proprietaire: [.divorceSeparation, .logementTropCher, .raisonsSante][t.tirage([0.4, 0.3, 0.3])]
        default: [.logementTropCher, .autre, .mutationProfessionnelle][t.tirage([0.4, 0.4, 0.2])]
        }
        var motifs = [principal]
        if m.handicap, t.oui(0.5) { motifs.append(.handicap) }
        if [.divorce, .separe].contains(m.situationFamiliale), t.oui(0.3) { motifs.append(.divorceSeparation) }
        if l.situation == .hebergeParents, t.oui(0.4) { motifs.append(.decohabitation) }
        if t.oui(m.demandeur.civilite == .madame ? 0.04 : 0.01) { motifs.append(.violencesFamiliales) }
        if age < 21, t.oui(0.1) { motifs.append(.sortieASE) }
        if t.oui(0.15) {
            motifs.append(t.element([.logementTropCher, .eloigneFamille, .eloigneEquipements, .rapprochementTravail, .raisonsSante]))
        }
        return motifs
    }

    /// Priorities of CCH L441-1 for ≈ 20 % of the households (§12.12), from their situation; 55 % validated by a
    /// niveau-3 point (`PHS01`, or the métropole) after registration.
    func priorites(_ motifs: [Motif], _ l: LogementActuel, _ m: Menage, p: Parcours, _ t: inout Tirage) -> [PrioriteDeclaree] {
        let probabilite = switch l.situation {
        case .sansAbri: 0.9
        case .structureHebergement, .logementTemporaire, .hotel, .logementFoyer: 0.6
        case .hebergeParents, .hebergeTiers: 0.22
        case .locatairePrive: 0.15
        case .locataireHLM: 0.10
        default: 0.10
        }
        guard t.oui(probabilite) else { return [] }
        var candidates: [PrioriteL4411] = []
        if l.situation.estSansLogementPropre { candidates.append(l.situation == .structureHebergement || l.situation == .hotel ? .hebergeTemporaire : .sansLogement) }
        if l.situation == .logementTemporaire || l.situation == .logementFoyer { candidates.append(.hebergeTemporaire) }
        if l.indigne || l.nonDecent { candidates.append(.habitatIndigne) }
        if motifs.contains(.procedureExpulsion) { candidates.append(.menaceExpulsion) }
        if motifs.contains(.violencesFamiliales) { candidates.append(.violencesCouple) }
        if motifs.contains(.sortieASE) { candidates.append(.sortieASE) }
        if m.handicap { candidates.append(.handicap) }
        if l.nombreOccupants >= 3, let s = l.surfaceHabitable, s < 9 * l.nombreOccupants, !m.personnesACharge.isEmpty {
            candidates.append(.surOccupationAvecMineur)
        }
        if candidates.isEmpty { candidates = [t.element([.malLogeDefavorise, .repriseActivite, .malLogeDefavorise])] }
        let choisies = t.oui(0.3) && candidates.count > 1 ? Array(candidates.prefix(2)) : [t.element(candidates)]
        return choisies.map { priorite in
            guard t.oui(0.55) else { return PrioriteDeclaree(priorite: priorite) }
            let le = min(p.enregistrement.ajoutant(jours: t.uniforme(5...120)), p.fin)
            return PrioriteDeclaree(priorite: priorite, valideePar: t.oui(0.8) ? ReseauSynthetique.poleHabitatSocial : ReseauSynthetique.metropole, valideeLe: le)
        }
    }
}
