import Foundation
import GuichetDomain
import Testing

// Completeness of a dossier: only the identity (or regular-stay) piece may be required to register (CCH R441-2-3,
// arrêté du 23 mars 2015 §3); instruction needs identity for every person and the avis N-2 (arrêté du 22 décembre 2020,
// docs/DOMAIN.md §15–16).
@Suite("Complétude du dossier")
struct CompletudeTests {
    private let jour = Fixtures.aujourdhui
    private let karim = RefPersonne.coDemandeur(0)
    private let lucas = RefPersonne.personneACharge(0)
    private let ines = RefPersonne.personneACharge(1)

    private func piece(
        _ type: TypePiece, _ personne: RefPersonne = .demandeur, statut: StatutPiece = .recue,
        demandeId: UUID = Fixtures.idDemande
    ) -> Piece {
        Piece(
            id: UUID(), demandeId: demandeId, type: type, personne: personne, sha256: String(repeating: "a", count: 64),
            taille: 120_000, mediaType: "application/pdf", recueLe: Date(timeIntervalSince1970: 1_780_000_000),
            guichetCode: "GAM01", statut: statut)
    }

    private func evaluer(_ d: Demande, _ pieces: [Piece], _ etape: Completude.Etape) -> RapportCompletude {
        Completude.evaluer(d, pieces: pieces, etape: etape, au: jour)
    }

    private func evaluer(_ pieces: [Piece], _ etape: Completude.Etape) -> RapportCompletude {
        evaluer(Fixtures.demande(), pieces, etape)
    }

    /// A missing piece as comparable text: person, accepted types, message.
    private func manque(_ m: PieceManquante) -> String {
        "\(m.personne) \(m.types.map(\.rawValue)) \(m.message)"
    }

    private func manque(_ personne: RefPersonne, _ types: [TypePiece], _ message: String) -> String {
        "\(personne) \(types.map(\.rawValue)) \(message)"
    }

    /// Every piece instruction requires for the fixture household (2 adults, 2 children).
    private var dossierInstruction: [Piece] {
        [piece(.pieceIdentite), piece(.avisImpositionN2), piece(.pieceIdentite, karim), piece(.avisImpositionN2, karim),
         piece(.livretFamille, lucas), piece(.acteNaissance, ines)]
    }

    // MARK: - Enregistrement

    @Test("enregistrement : seule la pièce d'identité du demandeur est exigée")
    func enregistrement() {
        let vide = evaluer([], .enregistrement)
        #expect(vide.attendues == 1)
        #expect(vide.manquantes.map(manque) == [manque(.demandeur, [.pieceIdentite], "Pièce d'identité du demandeur manquante.")])
        #expect(!vide.complet)
        #expect(vide.taux == 0)

        let rapport = evaluer([piece(.pieceIdentite)], .enregistrement)
        #expect(rapport.complet)
        #expect(rapport.taux == 1)
        #expect(rapport.etape == .enregistrement)
    }

    @Test("enregistrement : les autres pièces ne remplacent pas l'identité du demandeur")
    func enregistrementAutresPieces() {
        let pieces = [piece(.avisImpositionN2), piece(.pieceIdentite, karim), piece(.bailQuittance), piece(.livretFamille)]
        #expect(evaluer(pieces, .enregistrement).manquantes.map(\.personne) == [.demandeur])
    }

    @Test("enregistrement d'un demandeur hors Union européenne : titre de séjour", arguments: [
        (Nationalite.horsUnionEuropeenne, TypePiece.titreSejour, "Titre de séjour du demandeur manquant."),
        (.unionEuropeenne, .pieceIdentite, "Pièce d'identité du demandeur manquante."),
        (.francaise, .pieceIdentite, "Pièce d'identité du demandeur manquante."),
    ])
    func nationalite(nationalite: Nationalite, attendue: TypePiece, message: String) {
        var demandeur = Fixtures.demandeur
        demandeur.nationalite = nationalite
        let d = Fixtures.demande(demandeur: demandeur)
        #expect(evaluer(d, [], .enregistrement).manquantes.map(manque) == [manque(.demandeur, [attendue], message)])
        #expect(evaluer(d, [piece(attendue)], .enregistrement).complet)
        if nationalite == .horsUnionEuropeenne {
            #expect(!evaluer(d, [piece(.pieceIdentite)], .enregistrement).complet, "un passeport seul ne prouve pas la régularité du séjour")
        }
    }

    // MARK: - Instruction

    @Test("instruction : identité de chaque personne, avis N-2 de chaque adulte demandeur ou co-demandeur")
    func instructionVide() {
        let r = evaluer([], .instruction)
        #expect(r.attendues == 6)
        #expect(r.taux == 0)
        #expect(r.manquantes.map(\.message) == [
            "Pièce d'identité du demandeur manquante.",
            "Avis d'imposition ou de non-imposition 2025 sur les revenus 2024 du demandeur manquant.",
            "Pièce d'identité de Karim BENALI manquante.",
            "Avis d'imposition ou de non-imposition 2025 sur les revenus 2024 de Karim BENALI manquant.",
            "Livret de famille ou acte de naissance de Lucas BENALI manquant.",
            "Livret de famille ou acte de naissance de Inès BENALI manquant.",
        ])
        #expect(r.manquantes.map(\.personne) == [.demandeur, .demandeur, karim, karim, lucas, ines])
        #expect(r.manquantes[4].types == [.acteNaissance, .livretFamille, .pieceIdentite])
        #expect(r.manquantes[1].types == [.avisImpositionN2])
    }

    @Test("instruction : dossier complet")
    func instructionComplete() {
        let r = evaluer(dossierInstruction, .instruction)
        #expect(r.complet)
        #expect(r.attendues == 6)
        #expect(r.taux == 1)
    }

    @Test("taux : part des pièces attendues fournies")
    func taux() {
        let r = evaluer(Array(dossierInstruction.prefix(3)), .instruction)
        #expect(r.attendues == 6)
        #expect(r.manquantes.count == 3)
        #expect(r.taux == 0.5)
    }

    @Test("une pièce au nom d'une autre personne ne compte pas")
    func autrePersonne() {
        var pieces = dossierInstruction
        pieces.removeAll { $0.personne == ines }
        pieces.append(piece(.acteNaissance, lucas))
        #expect(evaluer(pieces, .instruction).manquantes.map(\.personne) == [ines])
    }

    @Test("à 18 ans révolus, un livret de famille ne suffit plus : pièce d'identité")
    func majorite() {
        var enfants = Fixtures.enfants
        enfants[0].dateNaissance = Jour(2008, 6, 15)!
        let d = Fixtures.demande(personnesACharge: enfants)
        let r = evaluer(d, dossierInstruction, .instruction)
        #expect(r.manquantes.map(manque) == [manque(lucas, [.pieceIdentite], "Pièce d'identité de Lucas BENALI manquante.")])
        #expect(r.attendues == 6, "une personne à charge majeure ne doit pas d'avis d'imposition")
        enfants[0].dateNaissance = Jour(2008, 6, 16)!
        #expect(evaluer(Fixtures.demande(personnesACharge: enfants), dossierInstruction, .instruction).complet)
    }

    @Test("revenus N-1 demandés : avis N-1 ou revenus des 12 derniers mois de chaque adulte", arguments: [
        TypePiece.avisImpositionN1, .justificatifRevenus12Mois,
    ])
    func revenusN1(type: TypePiece) {
        let d = Fixtures.demande(revenus: RevenusFiscaux(anneeN2: 2024, rfrN2: 38_000, anneeN1: 2025, revenuN1: 30_000, n1Demande: true))
        let r = evaluer(d, dossierInstruction, .instruction)
        #expect(r.attendues == 8)
        #expect(r.manquantes.map(\.personne) == [.demandeur, karim])
        #expect(r.manquantes[0].types == [.avisImpositionN1, .justificatifRevenus12Mois])
        #expect(r.manquantes[1].message
            == "Avis d'imposition sur les revenus 2025 ou justificatifs des revenus des 12 derniers mois de Karim BENALI manquants (revenus N-1 demandés).")
        #expect(evaluer(d, dossierInstruction + [piece(type), piece(type, karim)], .instruction).complet)
        #expect(evaluer(d, [piece(.avisImpositionN1)], .enregistrement).attendues == 1, "jamais à l'enregistrement")
    }

    @Test("handicap : carte mobilité inclusion de la personne concernée")
    func handicap() {
        var enfants = Fixtures.enfants
        enfants[1].handicap = true
        let d = Fixtures.demande(personnesACharge: enfants)
        let r = evaluer(d, dossierInstruction, .instruction)
        #expect(r.attendues == 7)
        #expect(r.manquantes.map(manque) == [manque(
            ines, [.carteMobiliteInclusion],
            "Carte mobilité inclusion « invalidité » de Inès BENALI manquante (elle justifie la catégorie de ménage).")])
        #expect(!evaluer(d, dossierInstruction + [piece(.carteMobiliteInclusion, lucas)], .instruction).complet)
        #expect(evaluer(d, dossierInstruction + [piece(.carteMobiliteInclusion, ines)], .instruction).complet)
        #expect(evaluer(d, [piece(.pieceIdentite)], .enregistrement).complet, "jamais à l'enregistrement")
    }

    @Test("seules les pièces reçues ou validées comptent", arguments: StatutPiece.allCases)
    func statuts(statut: StatutPiece) {
        let compte = statut == .recue || statut == .valide
        #expect(statut.compte == compte)
        #expect(evaluer([piece(.pieceIdentite, statut: statut)], .enregistrement).complet == compte)
    }

    @Test("une pièce d'une autre demande ne compte pas")
    func autreDemande() {
        let autre = UUID(uuidString: "01970000-0000-7000-8000-000000000002")!
        #expect(!evaluer([piece(.pieceIdentite, demandeId: autre)], .enregistrement).complet)
        let r = evaluer(dossierInstruction.map { var p = $0; p.demandeId = autre; return p }, .instruction)
        #expect(r.manquantes.count == 6)
    }
}
