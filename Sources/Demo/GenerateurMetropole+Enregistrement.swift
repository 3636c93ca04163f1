/// Numbering and lifecycle: the numéros uniques month by month, then `CycleDeVie` builds each demande's state.
extension GenerateurMetropole {
    /// Gives each demande its month's counter in registration order (the sequence of the territory, with gaps left
    /// by the département's other services), then applies its transitions.
    func enregistrer(_ esquisses: [Esquisse]) -> [DemandeSynthetique] {
        var t = Tirage(SplitMix64.flux(Self.fluxNumeros, index: 0, graine: graine))
        let ordre = esquisses.indices.sorted {
            (esquisses[$0].parcours.enregistrement, $0) < (esquisses[$1].parcours.enregistrement, $1)
        }
        var compteurs: [Int: Int] = [:]
        var sequences = [Int](repeating: 0, count: esquisses.count)
        for i in ordre {
            let depot = esquisses[i].parcours.depot
            let mois = depot.annee * 12 + depot.mois
            let n = compteurs[mois, default: 0] + 1 + (t.oui(0.3) ? t.uniforme(1...2) : 0)
            compteurs[mois] = n
            sequences[i] = n
        }
        return esquisses.indices.map { construire(esquisses[$0], sequence: sequences[$0]) }
    }

    /// The demande reached by applying `deposer`, `enregistrer` and the planned transitions with `CycleDeVie`.
    ///
    /// The plan is legal by construction; were a transition refused, the demande would keep the state reached
    /// before it (still consistent), and a counter beyond 999,999 would leave it déposée.
    func construire(_ e: Esquisse, sequence: Int) -> DemandeSynthetique {
        let p = e.parcours
        var plan: [TransitionDemande] = [.deposer(le: p.depot)]
        if let numero = try? NumeroUnique.generer(departement: "38", depot: p.depot, compteur: sequence, codeGuichet: e.guichetCode) {
            plan += [.enregistrer(numero: numero, le: p.enregistrement)] + p.suite
        }
        var d = e.brouillon
        var appliquees: [TransitionDemande] = []
        for transition in plan {
            guard let suivante = try? CycleDeVie.appliquer(transition, a: d, aujourdhui: jour) else { break }
            d = suivante
            appliquees.append(transition)
        }
        return DemandeSynthetique(demande: d, guichetCode: e.guichetCode, sequenceNumero: sequence, transitions: appliquees)
    }
}
