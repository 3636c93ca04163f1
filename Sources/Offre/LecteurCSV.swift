/// One record of a CSV file: its fields and the line of the file where it starts (1 = first line).
struct EnregistrementCSV: Sendable, Hashable {
    var ligne: Int
    var champs: [String]

    /// True when every field is empty or blank: an empty line, or a row of separators only (`;;;;`).
    var estVide: Bool { champs.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
}

/// An RFC 4180 reader: quoted fields may hold the separator, line breaks and doubled quotes (`""`).
///
/// Records end with CRLF, LF or a lone CR. The reader is lenient where spreadsheets are sloppy: a quote inside an
/// unquoted field is kept as a character, text after a closing quote is kept, blanks before an opening quote are dropped.
/// It works on Unicode scalars: as a `Character`, CRLF is one grapheme and would hide the line break.
enum LecteurCSV {
    /// What reading produced: the records, and the quoted field left open at the end of the text, if any.
    struct Lecture: Sendable, Hashable {
        var enregistrements: [EnregistrementCSV]
        var guillemetNonFerme: GuillemetNonFerme?
    }

    /// A quoted field never closed: the line where its record starts and the index of the field in the record.
    struct GuillemetNonFerme: Sendable, Hashable {
        var ligne: Int
        var champ: Int
    }

    private static let guillemet: Unicode.Scalar = "\""
    private static let cr: Unicode.Scalar = "\r"
    private static let lf: Unicode.Scalar = "\n"

    /// The separator of the first non-blank line: `;` or `,`, whichever appears more often outside quotes (`;` on a tie).
    static func separateur(_ texte: String) -> Unicode.Scalar {
        var pointsVirgules = 0
        var virgules = 0
        var dansGuillemets = false
        var contenu = false
        for c in texte.unicodeScalars {
            if c == guillemet {
                dansGuillemets.toggle()
            } else if !dansGuillemets {
                if c == cr || c == lf {
                    if contenu { break }
                    continue
                }
                if c == ";" { pointsVirgules += 1 } else if c == "," { virgules += 1 }
            }
            if !Character(c).isWhitespace { contenu = true }
        }
        return virgules > pointsVirgules ? "," : ";"
    }

    /// Splits a text into records (a leading byte order mark must already be removed).
    static func lire(_ texte: String, separateur: Unicode.Scalar) -> Lecture {
        let s = Array(texte.unicodeScalars)
        var enregistrements: [EnregistrementCSV] = []
        var champs: [String] = []
        var champ = String.UnicodeScalarView()
        var ligne = 1
        var debut = 1
        var dansGuillemets = false
        var cite = false
        var i = 0

        func finirChamp() {
            champs.append(String(champ))
            champ = String.UnicodeScalarView()
            cite = false
        }

        while i < s.count {
            let c = s[i]
            let suivant: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if dansGuillemets {
                if c == guillemet {
                    if suivant == guillemet {
                        champ.append(guillemet)
                        i += 1
                    } else {
                        dansGuillemets = false
                    }
                } else if c == cr || c == lf {
                    // A line break inside a quoted field is kept as LF; the line count goes on.
                    if c == cr && suivant == lf { i += 1 }
                    champ.append(lf)
                    ligne += 1
                } else {
                    champ.append(c)
                }
            } else if c == guillemet && !cite && champ.allSatisfy({ Character($0).isWhitespace }) {
                champ = String.UnicodeScalarView()
                dansGuillemets = true
                cite = true
            } else if c == separateur {
                finirChamp()
            } else if c == cr || c == lf {
                if c == cr && suivant == lf { i += 1 }
                finirChamp()
                enregistrements.append(EnregistrementCSV(ligne: debut, champs: champs))
                champs = []
                ligne += 1
                debut = ligne
            } else {
                champ.append(c)
            }
            i += 1
        }
        if dansGuillemets {
            return Lecture(enregistrements: enregistrements, guillemetNonFerme: GuillemetNonFerme(ligne: debut, champ: champs.count))
        }
        if !champs.isEmpty || !champ.isEmpty || cite {
            finirChamp()
            enregistrements.append(EnregistrementCSV(ligne: debut, champs: champs))
        }
        return Lecture(enregistrements: enregistrements, guillemetNonFerme: nil)
    }
}
