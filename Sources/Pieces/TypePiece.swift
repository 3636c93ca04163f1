import Foundation

/// The limitative list of pièces justificatives (R441-2-4-1; arrêté du 22 décembre 2020, revised 19 avril 2022):
/// I.A the only piece that may be required to register, I.B mandatory for instruction, II complementary pieces the
/// instructeur may ask for. No other piece may be demanded (docs/DOMAIN.md "Pièces justificatives").
public enum TypePiece: String, Sendable, Hashable, Codable, CaseIterable {
    // Identity and regular stay.
    case pieceIdentite, titreSejour, livretFamille, acteNaissance, jugementTutelle
    // Resources (mandatory for instruction).
    case avisImpositionN2, avisImpositionN1, justificatifRevenus12Mois
    // Family situation.
    case jugementDivorce, ordonnanceProtection, attestationPacs, certificatGrossesse, justificatifGardeEnfants
    // Professional situation and resources.
    case contratTravail, bulletinsSalaire, attestationFranceTravail, attestationPrestationsCAF, avisPension,
        carteEtudiant, justificatifActiviteIndependante
    // Current housing.
    case bailQuittance, attestationHebergement, jugementExpulsion, decisionNonDecence, arreteInsalubrite
    // Handicap, health, priority.
    case carteMobiliteInclusion, decisionMDPH, certificatMedical, decisionDALO, autre

    /// Where the piece sits in the arrêté's structure.
    public var exigence: ExigencePiece {
        switch self {
        case .pieceIdentite, .titreSejour: .enregistrement
        case .livretFamille, .acteNaissance, .jugementTutelle, .avisImpositionN2, .avisImpositionN1,
            .justificatifRevenus12Mois:
            .instruction
        default: .complementaire
        }
    }

    /// French label shown to agents.
    public var libelle: String {
        switch self {
        case .pieceIdentite: "pièce d'identité (carte nationale d'identité ou passeport)"
        case .titreSejour: "titre de séjour en cours de validité"
        case .livretFamille: "livret de famille"
        case .acteNaissance: "acte de naissance"
        case .jugementTutelle: "jugement de tutelle ou de curatelle"
        case .avisImpositionN2: "avis d'imposition ou de non-imposition N-2"
        case .avisImpositionN1: "avis d'imposition ou de non-imposition N-1"
        case .justificatifRevenus12Mois: "justificatifs des revenus des 12 derniers mois"
        case .jugementDivorce: "jugement de divorce ou de séparation"
        case .ordonnanceProtection: "ordonnance de protection"
        case .attestationPacs: "attestation de PACS ou de sa dissolution"
        case .certificatGrossesse: "certificat de grossesse"
        case .justificatifGardeEnfants: "justificatif de garde ou de droit de visite des enfants"
        case .contratTravail: "contrat de travail ou attestation de l'employeur"
        case .bulletinsSalaire: "bulletins de salaire des 3 derniers mois"
        case .attestationFranceTravail: "attestation France Travail"
        case .attestationPrestationsCAF: "attestation de paiement des prestations (CAF, MSA)"
        case .avisPension: "avis de pension de retraite ou d'invalidité"
        case .carteEtudiant: "carte d'étudiant"
        case .justificatifActiviteIndependante: "justificatif d'activité indépendante"
        case .bailQuittance: "bail et dernière quittance de loyer"
        case .attestationHebergement: "attestation d'hébergement"
        case .jugementExpulsion: "jugement d'expulsion ou commandement de quitter les lieux"
        case .decisionNonDecence: "décision constatant la non-décence"
        case .arreteInsalubrite: "arrêté d'insalubrité ou de péril"
        case .carteMobiliteInclusion: "carte mobilité inclusion mention « invalidité »"
        case .decisionMDPH: "décision de la MDPH"
        case .certificatMedical: "certificat médical"
        case .decisionDALO: "décision de la commission de médiation DALO"
        case .autre: "autre pièce"
        }
    }
}

/// Part of the arrêté's list a piece belongs to.
public enum ExigencePiece: String, Sendable, Hashable, Codable {
    /// I.A — the identity or regular-stay piece, the only one that may be required to register.
    case enregistrement
    /// I.B — mandatory for the instruction of the demande.
    case instruction
    /// II — complementary pieces the instructeur may ask for.
    case complementaire
}
