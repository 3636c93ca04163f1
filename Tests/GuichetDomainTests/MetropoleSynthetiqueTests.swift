import Foundation
import GuichetDomain
import Testing

/// The synthetic métropole of the distribution tests, generated once per run (5,000 demandes, 2,000 offers).
enum Synthese {
    static let jour = Jour(2026, 6, 15)!
    static let referentiel = try! ReferentielCommunes.chargerMetropole()
    static let table = try! TablePlafonds.chargerOfficielles()
    static let metropole = MetropoleSynthetique.generer(
        demandes: 5_000, offres: 2_000, graine: 20_260_615, au: jour, referentiel: referentiel, plafonds: table)
    static let guichets = Dictionary(uniqueKeysWithValues: metropole.guichets.map { ($0.code, $0) })

    static func petite(graine: UInt64, demandes: Int = 300) -> MetropoleSynthetique {
        MetropoleSynthetique.generer(demandes: demandes, offres: 60, graine: graine, au: jour, referentiel: referentiel, plafonds: table)
    }
}

@Suite("Métropole synthétique : déterminisme, validité, cycle de vie, numéros, guichets")
struct MetropoleSynthetiqueTests {
    private let m = Synthese.metropole

    @Test("SplitMix64 donne la suite de référence (graine 0), identique sur toute plateforme")
    func splitMix64Reference() {
        var g = SplitMix64(graine: 0)
        #expect([g.next(), g.next(), g.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test("même graine, même métropole ; autre graine, autre métropole")
    func determinisme() {
        let a = Synthese.petite(graine: 7), b = Synthese.petite(graine: 7), c = Synthese.petite(graine: 8)
        #expect(a == b)
        #expect(a.demandes.map(\.demande) != c.demandes.map(\.demande))
        #expect(a.offres != c.offres)
        #expect(a.accueils != c.accueils)
        #expect(a.pieces.map(\.sha256) != c.pieces.map(\.sha256))
        #expect(a.demandes.count == 300 && a.offres.count == 60)
        #expect(a.accueils.count == 510, "1,7 accueil par demande")
    }

    @Test("une métropole plus grande prolonge la plus petite de même graine (ménages et offres)")
    func prolongement() {
        let petite = Synthese.petite(graine: 11, demandes: 100), grande = Synthese.petite(graine: 11, demandes: 300)
        #expect(petite.demandes.map(\.demande.id) == grande.demandes.prefix(100).map(\.demande.id))
        #expect(petite.demandes.map(\.demande.demandeur) == grande.demandes.prefix(100).map(\.demande.demandeur))
        #expect(petite.offres == grande.offres)
    }

    @Test("une métropole vide reste vide")
    func vide() {
        let v = MetropoleSynthetique.generer(demandes: 0, offres: 0, graine: 1, au: Synthese.jour, referentiel: Synthese.referentiel)
        #expect(v.demandes.isEmpty && v.offres.isEmpty && v.accueils.isEmpty && v.pieces.isEmpty)
        #expect(v.guichets.count == 25)
    }

    @Test("chaque demande passe la validation, avec les communes de la métropole")
    func validation() {
        let communes = Synthese.referentiel.codesInsee
        let invalides = m.demandes.filter { !ValidationDemande.problemes($0.demande, au: Synthese.jour, communesConnues: communes).isEmpty }
        #expect(invalides.isEmpty, "\(invalides.prefix(3).map { ValidationDemande.problemes($0.demande, au: Synthese.jour, communesConnues: communes) })")
        for s in m.demandes.prefix(500) {
            let d = s.demande
            #expect(d.demandeur.nomNaissance != "TEST" && !d.demandeur.prenoms.isEmpty)
            #expect(d.coordonnees.codePostal.hasPrefix("38"))
            if d.coordonnees.commune == "Grenoble" { #expect(["38000", "38100"].contains(d.coordonnees.codePostal)) }
            for (_, p) in d.personnesALoger where p.dateNaissance.ageRevolu(au: Synthese.jour) < 18 { #expect(p.nir == nil) }
        }
        let nirs = m.demandes.flatMap { [$0.demande.demandeur] + $0.demande.coDemandeurs.map(\.personne) }.map(\.nir)
        let partAvecNIR = Double(nirs.compactMap { $0 }.count) / Double(nirs.count)
        #expect(partAvecNIR > 0.85 && partAvecNIR < 0.97, "part des adultes avec NIR : \(partAvecNIR)")
    }

    @Test("rejouer les transitions depuis le brouillon redonne la demande ; états et motifs conformes")
    func cycleDeVie() throws {
        var statuts: [StatutDemande: Int] = [:]
        var motifs = Set<MotifRadiation>()
        for s in m.demandes {
            var d = s.brouillon
            #expect(d.statut == .brouillon)
            for transition in s.transitions { d = try CycleDeVie.appliquer(transition, a: d, aujourdhui: Synthese.jour) }
            #expect(d == s.demande)
            #expect(s.transitions.prefix(2).map(\.nom) == ["deposer", "enregistrer"])
            statuts[s.demande.statut, default: 0] += 1
            if let r = s.demande.radiation {
                motifs.insert(r.motif)
                #expect(r.le >= Synthese.jour.ajoutant(jours: -365), "radiée dans l'année (données gardées un an)")
            }
            #expect(!CycleDeVie.doitEtreRadieePourNonRenouvellement(s.demande, au: Synthese.jour))
            if s.demande.estActive, s.demande.ancienneteMois(au: Synthese.jour) >= 13 { #expect(s.demande.statut == .renouvelee) }
        }
        #expect(Set(statuts.keys) == [.enregistree, .renouvelee, .attribuee, .radiee])
        #expect(motifs == [.nonRenouvellement, .renonciation, .nonReponse, .irrecevabilite])
        let actives = Double(statuts[.enregistree, default: 0] + statuts[.renouvelee, default: 0]) / Double(m.demandes.count)
        #expect(abs(actives - 0.78) < 0.03, "part active \(actives)")
        #expect(m.demandes.contains { $0.transitions.contains { $0.nom == "reactiver" } })
    }

    @Test("numéros uniques distincts, valides, au mois du dépôt et au code du guichet enregistreur")
    func numeros() throws {
        var vus = Set<String>()
        for s in m.demandes {
            let n = try #require(s.demande.numeroUnique)
            #expect(vus.insert(n.valeur).inserted, "numéro en double \(n)")
            #expect(try NumeroUnique(n.valeur) == n)
            let depot = try #require(s.demande.dates.depot)
            #expect(n.territoire == "038" && n.mois == depot.mois && n.annee2 == depot.annee % 100)
            #expect(n.codeGuichet == s.guichetCode && n.sequence == s.sequenceNumero)
            let guichet = try #require(Synthese.guichets[s.guichetCode])
            #expect(Permissions.autorise(.enregistrerDemande, pour: guichet))
            #expect(guichet.niveau >= .deux || guichet.type == .bailleur)
        }
    }

    @Test("25 points : codes valides et uniques, métropole, Pôle Habitat Social, CCAS, permanences, bailleurs")
    func guichets() {
        let g = m.guichets
        #expect(g.count == 25)
        #expect(Set(g.map(\.code)).count == g.count)
        #expect(g.allSatisfy { Guichet.codeEstValide($0.code) && $0.problemes.isEmpty })
        #expect(g.filter { $0.type == .metropole }.map(\.code) == ["GAM01"])
        #expect(g.contains { $0.code == "PHS01" && $0.niveau == .trois && $0.communeInsee == "38185" && $0.nom == "Pôle Habitat Social" })
        #expect(g.filter { $0.type == .permanenceMobile }.count == 2)
        #expect(Set(g.filter { $0.type == .bailleur }.map(\.code)) == ["ACTIS", "SDH01", "PLURA"])
        #expect(g.filter { $0.type == .communal && $0.niveau == .deux }.count >= 8)
        #expect(g.filter { $0.type == .communal && $0.niveau == .un }.count >= 6)
    }

    @Test("pièces : identité d'abord, personnes existantes, empreintes valides, reçues pendant la vie de la demande")
    func pieces() throws {
        let parDemande = Dictionary(grouping: m.pieces, by: \.demandeId)
        #expect(parDemande.count == m.demandes.count)
        let moyenne = Double(m.pieces.count) / Double(m.demandes.count)
        #expect(moyenne > 6 && moyenne < 9, "pièces par demande : \(moyenne)")
        for s in m.demandes.prefix(1_000) {
            let pieces = try #require(parDemande[s.demande.id])
            #expect([.pieceIdentite, .titreSejour].contains(pieces[0].type) && pieces[0].personne == .demandeur)
            let depot = try #require(s.demande.dates.depot)
            for p in pieces {
                #expect(Piece.sha256EstValide(p.sha256) && p.taille >= 300_000 && p.taille <= 4_500_000)
                #expect(s.demande.personne(p.personne) != nil)
                #expect(Synthese.guichets[p.guichetCode] != nil)
                let jour = Jour(p.recueLe, timeZone: .paris)
                #expect(jour >= depot && jour <= Synthese.jour)
                #expect(p.piece.demandeId == s.demande.id && p.piece.statut == .recue)
            }
        }
    }
}
