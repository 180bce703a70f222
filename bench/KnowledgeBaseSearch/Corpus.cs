namespace Ticketing.Bench.KnowledgeBaseSearch;

/// <summary>
/// Synthetic help-desk articles in five languages. Each article has three topic words (real IT terms of its
/// language, repeated as a real article repeats its subject) over function words and a long Zipf-distributed tail
/// of invented words, so a query for a topic word matches a few percent of the articles and a rare word a handful:
/// the spread of result sizes a knowledge-base search sees. The tail's head is flattened (Zipf over rank + 100):
/// its most frequent word is in about a quarter of the articles, rank 100 in about an eighth, rank 1,000 in 2 %,
/// rank 10,000 in 0.2 % (with rank + 20 the most frequent was in two thirds of all articles, which no help-desk
/// vocabulary does outside instruction words). Instruction words ("click", "open", "select" and their
/// translations) are in nearly every article of their language: the broad terms. Deterministic for a given seed.
/// </summary>
public sealed class Corpus(int seed, bool legacy = false)
{
    private const int TailSize = 20_000;

    private static readonly Dictionary<string, (string[] Topics, string[] Function)> Languages = new()
    {
        ["en"] = ("printer network password reset vpn outlook email account server backup restore install update driver windows laptop monitor keyboard license office teams sharepoint onedrive firewall router wifi connection error login portal ticket profile calendar mailbox security antivirus scanner device phone sync folder permission access remote desktop session certificate domain policy storage disk memory performance crash browser".Split(' '),
                  "the a to of and in is for on with your you this that click open select then if it be can".Split(' ')),
        ["de"] = ("drucker netzwerk passwort zurücksetzen verbindung konto server sicherung wiederherstellen installieren aktualisierung treiber lizenz postfach kalender sicherheit gerät telefon ordner datei berechtigung zugriff fernwartung zertifikat benutzer gruppe richtlinie speicher festplatte leistung absturz fehlermeldung anmeldung kundenportal ticket profil tastatur bildschirm einstellungen freigabe".Split(' '),
                  "der die das und zu den mit auf sie ist klicken öffnen wählen dann wenn ein eine im für".Split(' ')),
        ["fr"] = ("imprimante réseau réinitialiser connexion compte serveur sauvegarde restaurer installer pilote licence messagerie calendrier sécurité appareil téléphone dossier fichier autorisation accès certificat utilisateur groupe stratégie stockage disque mémoire lenteur erreur portail ticket profil clavier écran paramètres partage navigateur courriel".Split(' '),
                  "le la les de et pour vous est dans sur cliquez ouvrez sélectionnez puis si un une des du".Split(' ')),
        ["es"] = ("impresora red contraseña restablecer conexión cuenta servidor copia restaurar instalar controlador licencia correo calendario seguridad dispositivo teléfono carpeta archivo permiso acceso certificado usuario grupo directiva almacenamiento disco memoria rendimiento error portal ticket perfil teclado pantalla configuración navegador".Split(' '),
                  "el la los de y para en que es haga clic abra seleccione luego si un una del con".Split(' ')),
        ["it"] = ("stampante rete password reimpostare connessione account server backup ripristinare installare driver licenza posta calendario sicurezza dispositivo telefono cartella file autorizzazione accesso certificato utente gruppo criterio archiviazione disco memoria prestazioni errore portale ticket profilo tastiera schermo impostazioni browser".Split(' '),
                  "il la le di e per che è in fare clic aprire selezionare poi se un una del con".Split(' ')),
    };

    /// <summary>Share of articles per language: most MSPs write mostly in one language.</summary>
    private static readonly (string Language, double Share)[] Mix = [("en", 0.5), ("de", 0.15), ("fr", 0.15), ("es", 0.1), ("it", 0.1)];

    /// <summary>Words in nearly every article of their language that are not stop words: what a broad query hits.</summary>
    private static readonly Dictionary<string, string[]> Instructions = new()
    {
        ["en"] = ["click", "open", "select"],
        ["de"] = ["klicken", "öffnen", "wählen"],
        ["fr"] = ["cliquez", "ouvrez", "sélectionnez"],
        ["es"] = ["clic", "abra", "seleccione"],
        ["it"] = ["clic", "aprire", "selezionare"],
    };

    private static readonly string[] Syllables = "ka lo min ter sa vo ri den bel tu gra fen mo pi zul ran ste qui bo nex dar lun fi cor ma ve tis pol ade sur".Split(' ');

    private readonly string[] _tail = BuildTail(seed);
    // --legacy-corpus: the first version's tail (Zipf over rank + 20) and query mix, to compare code on the same data.
    private readonly double[] _tailCumulative = BuildZipf(TailSize, 1.05, legacy ? 20 : 100);

    public static IReadOnlyList<string> LanguageCodes { get; } = [.. Languages.Keys];

    public string PickLanguage(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (language, share) in Mix)
        {
            if ((roll -= share) < 0)
            {
                return language;
            }
        }

        return "en";
    }

    public (string Title, string[] Keywords, string Body) Article(Random random, string language)
    {
        var (topics, function) = Languages[language];
        var subject = Enumerable.Range(0, 3).Select(_ => topics[random.Next(topics.Length)]).ToArray();
        var title = string.Join(' ', subject.Take(2).Append(TailWord(random)).Append(TailWord(random)));
        var keywords = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(2) == 0 ? subject[2] : TailWord(random)).Distinct().ToArray();
        var length = 80 + random.Next(320);
        var words = new string[length];
        for (var i = 0; i < length; i++)
        {
            var roll = random.NextDouble();
            words[i] = roll < 0.35 ? function[random.Next(function.Length)] : roll < 0.43 ? subject[random.Next(3)] : TailWord(random);
        }

        return (title, keywords, string.Join(' ', words));
    }

    /// <summary>
    /// A query as users type them: one word half the time, two 40 %, three 10 %. The first word is a topic word
    /// 57 % of the time, a word of the tail below its 50 most frequent 38 %, and 5 % of queries are broad (an
    /// instruction word or one of the tail's ten most frequent words, alone or first). Further words come from
    /// the whole tail.
    /// </summary>
    public (string Text, QueryKind Kind) Query(Random random, string language)
    {
        var topics = Languages[language].Topics;
        var count = random.NextDouble() switch { < 0.5 => 1, < 0.9 => 2, _ => 3 };
        if (legacy)
        {
            // The first version: a topic word first 60 % of the time, otherwise words drawn like the articles' tail
            // (so mostly its most frequent words); "broad" here means the first word is among the tail's 50 most frequent.
            var legacyKind = QueryKind.Topic;
            var legacyText = string.Join(' ', Enumerable.Range(0, count).Select(i =>
            {
                if (i == 0 && random.NextDouble() < 0.6)
                {
                    return topics[random.Next(topics.Length)];
                }

                var index = TailIndex(random);
                if (i == 0)
                {
                    legacyKind = index < 50 ? QueryKind.Broad : QueryKind.Specific;
                }

                return _tail[index];
            }));
            return (legacyText, legacyKind);
        }

        var roll = random.NextDouble();
        var (first, kind) = roll switch
        {
            < 0.05 => (random.Next(2) == 0 ? Instructions[language][random.Next(3)] : _tail[random.Next(10)], QueryKind.Broad),
            < 0.62 => (topics[random.Next(topics.Length)], QueryKind.Topic),
            _ => (SpecificTailWord(random), QueryKind.Specific),
        };
        return (string.Join(' ', Enumerable.Range(0, count).Select(i => i == 0 ? first : TailWord(random))), kind);
    }

    private string SpecificTailWord(Random random)
    {
        while (true)
        {
            var index = TailIndex(random);
            if (index >= 50)
            {
                return _tail[index];
            }
        }
    }

    private string TailWord(Random random) => _tail[TailIndex(random)];

    private int TailIndex(Random random)
    {
        var index = Array.BinarySearch(_tailCumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, TailSize - 1);
    }

    private static string[] BuildTail(int seed)
    {
        var random = new Random(seed);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < TailSize)
        {
            words.Add(string.Concat(Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Syllables[random.Next(Syllables.Length)])));
        }

        return [.. words];
    }

    private static double[] BuildZipf(int size, double exponent, int offset)
    {
        var weights = Enumerable.Range(1, size).Select(rank => 1 / Math.Pow(rank + offset, exponent)).ToArray();
        var total = weights.Sum();
        var cumulative = new double[size];
        var running = 0.0;
        for (var i = 0; i < size; i++)
        {
            cumulative[i] = running += weights[i] / total;
        }

        return cumulative;
    }
}

/// <summary>What a query's first word is: a topic word, a specific (rarer) word, or a broad one.</summary>
public enum QueryKind
{
    Topic,
    Specific,
    Broad,
}
