<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ChartImage</name>
    <message>
        <source>%1 to %2 (UTC)</source>
        <translation>%1 bis %2 (UTC)</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Benutzer: %1</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Alle Benutzer</translation>
    </message>
    <message>
        <source>model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>all models</source>
        <translation>alle Modelle</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>ModelFigures</name>
    <message>
        <source>(no model)</source>
        <translation>(kein Modell)</translation>
    </message>
</context>
<context>
    <name>ProgressMeter</name>
    <message>
        <source>%1 / %2 rows</source>
        <translation>%1 / %2 Zeilen</translation>
    </message>
    <message>
        <source> · %1 rows/s · %2 s left</source>
        <translation> · %1 Zeilen/s · noch %2 s</translation>
    </message>
</context>
<context>
    <name>ProgressPrinter</name>
    <message>
        <source>%1 / %2 queries</source>
        <translation>%1 / %2 Abfragen</translation>
    </message>
    <message>
        <source> · %1 s left</source>
        <translation> · noch %1 s</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>No store is open.</source>
        <translation>Es ist kein Speicher geöffnet.</translation>
    </message>
    <message>
        <source>Saving is off: this store is read-only (%1).</source>
        <translation>Speichern ist aus: Dieser Speicher ist schreibgeschützt (%1).</translation>
    </message>
    <message>
        <source>Saving is off: %1.</source>
        <translation>Speichern ist aus: %1.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-Datei (*.csv)</translation>
    </message>
    <message>
        <source>Start with a byte order mark (for Excel)</source>
        <translation>Mit Byte-Order-Mark beginnen (für Excel)</translation>
    </message>
    <message>
        <source>Excel needs it to read UTF-8 text; other programs do not.</source>
        <translation>Excel braucht sie, um UTF-8-Text zu lesen; andere Programme nicht.</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>Bild speichern</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <source>1× (screen size)</source>
        <translation>1× (Bildschirmgröße)</translation>
    </message>
    <message>
        <source>2× (sharp on high-density screens and in print)</source>
        <translation>2× (scharf auf hochauflösenden Bildschirmen und im Druck)</translation>
    </message>
    <message>
        <source>PNG only: an SVG is sharp at any size</source>
        <translation>Nur PNG: Ein SVG ist in jeder Größe scharf</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Auflösung:</translation>
    </message>
</context>
<context>
    <name>RagScope::AbPanel</name>
    <message>
        <source>no test (no variation)</source>
        <translation>kein Test (keine Streuung)</translation>
    </message>
    <message>
        <source>p &lt; 0.001</source>
        <translation>p &lt; 0,001</translation>
    </message>
    <message>
        <source>p = %1</source>
        <translation>p = %1</translation>
    </message>
    <message>
        <source>Mean rating per week</source>
        <translation>Mittlere Bewertung pro Woche</translation>
    </message>
    <message>
        <source>Model A</source>
        <translation>Modell A</translation>
    </message>
    <message>
        <source>Model B</source>
        <translation>Modell B</translation>
    </message>
    <message>
        <source>A/B tests per week</source>
        <translation>A/B-Tests pro Woche</translation>
    </message>
    <message>
        <source>A:</source>
        <translation>A:</translation>
    </message>
    <message>
        <source>B:</source>
        <translation>B:</translation>
    </message>
    <message>
        <source>Pick two models that have interactions in this window.</source>
        <translation>Wählen Sie zwei Modelle, die in diesem Zeitraum Interaktionen haben.</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A: %1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B: %1</translation>
    </message>
    <message>
        <source>Not enough data: %1 and %2 ratings in this window; the tests need at least %3 ratings of each model.</source>
        <translation>Zu wenige Daten: %1 und %2 Bewertungen in diesem Zeitraum; die Tests brauchen mindestens %3 Bewertungen je Modell.</translation>
    </message>
    <message>
        <source>Mean rating A − B: %1 (95% CI %2 to %3), Welch&apos;s t %4; Mann-Whitney U %5</source>
        <translation>Mittlere Bewertung A − B: %1 (95-%-KI %2 bis %3), Welch-t %4; Mann-Whitney-U %5</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Low-rated share A − B: %1 points (95% CI %2 to %3), two-proportion z-test %4</source>
        <translation>Anteil schlecht bewerteter A − B: %1 Punkte (95-%-KI %2 bis %3), Zwei-Anteile-z-Test %4</translation>
    </message>
    <message>
        <source>Cost per request: A %1, B %2. Ratings: A %3, B %4.</source>
        <translation>Kosten pro Anfrage: A %1, B %2. Bewertungen: A %3, B %4.</translation>
    </message>
</context>
<context>
    <name>RagScope::AbWeeksModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>&lt; 0.001</source>
        <translation>&lt; 0,001</translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation>Ganzer Zeitraum</translation>
    </message>
    <message>
        <source>Tests need at least %1 ratings of each model</source>
        <translation>Die Tests brauchen mindestens %1 Bewertungen je Modell</translation>
    </message>
    <message>
        <source>not enough data</source>
        <translation>zu wenige Daten</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 [%2, %3]</source>
        <translation>%1 [%2, %3]</translation>
    </message>
    <message>
        <source>%1 pts [%2, %3]</source>
        <translation>%1 Pkt. [%2, %3]</translation>
    </message>
    <message>
        <source>Week from
Monday (UTC)</source>
        <translation>Woche ab
Montag (UTC)</translation>
    </message>
    <message>
        <source>Requests
A / B</source>
        <translation>Anfragen
A / B</translation>
    </message>
    <message>
        <source>Ratings
A / B</source>
        <translation>Bewertungen
A / B</translation>
    </message>
    <message>
        <source>Mean rating A−B
[95% CI]</source>
        <translation>Mittlere Bewertung A−B
[95-%-KI]</translation>
    </message>
    <message>
        <source>Welch
p</source>
        <translation>Welch
p</translation>
    </message>
    <message>
        <source>Mann-Whitney
p</source>
        <translation>Mann-Whitney
p</translation>
    </message>
    <message>
        <source>Low-rated A−B
[95% CI]</source>
        <translation>Schlecht bewertet A−B
[95-%-KI]</translation>
    </message>
    <message>
        <source>z-test
p</source>
        <translation>z-Test
p</translation>
    </message>
</context>
<context>
    <name>RagScope::AlertNotifier</name>
    <message>
        <source>RagScope alerts</source>
        <translation>RagScope-Alarme</translation>
    </message>
    <message>
        <source>CRITICAL: %1</source>
        <translation>KRITISCH: %1</translation>
    </message>
    <message>
        <source>RagScope alert</source>
        <translation>RagScope-Alarm</translation>
    </message>
    <message>
        <source>Alert %1</source>
        <translation>Alarm %1</translation>
    </message>
</context>
<context>
    <name>RagScope::AlertRulesFile</name>
    <message>
        <source>rule %1%2: %3</source>
        <translation>Regel %1%2: %3</translation>
    </message>
    <message>
        <source>rules file is not JSON: %1 at offset %2</source>
        <translation>Die Regeldatei ist kein JSON: %1 bei Position %2</translation>
    </message>
    <message>
        <source>rules file needs {&quot;rules&quot;: [ … ]}</source>
        <translation>Die Regeldatei braucht {&quot;rules&quot;: [ … ]}</translation>
    </message>
    <message>
        <source>rule %1: not an object</source>
        <translation>Regel %1: kein Objekt</translation>
    </message>
    <message>
        <source>rule %1 &apos;%2&apos;: the name is used twice</source>
        <translation>Regel %1 „%2“: Der Name kommt zweimal vor</translation>
    </message>
    <message>
        <source>rules file holds no rules</source>
        <translation>Die Regeldatei enthält keine Regeln</translation>
    </message>
    <message>
        <source>rules file %1 does not exist</source>
        <translation>Die Regeldatei %1 existiert nicht</translation>
    </message>
    <message>
        <source>cannot read rules file %1: %2</source>
        <translation>Die Regeldatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot write rules file %1: %2</source>
        <translation>Die Regeldatei %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>RagScope::AlertSampler</name>
    <message>
        <source>a latency sketch in ragscope_rollup_hour_model is damaged (run `ragscope-cli rollup`)</source>
        <translation>Eine Latenzskizze in ragscope_rollup_hour_model ist beschädigt (führen Sie `ragscope-cli rollup` aus)</translation>
    </message>
</context>
<context>
    <name>RagScope::AlertSetup</name>
    <message>
        <source>Alert rules not loaded, using the defaults: %1</source>
        <translation>Alarmregeln nicht geladen, die Standardregeln gelten: %1</translation>
    </message>
</context>
<context>
    <name>RagScope::AlertsPage</name>
    <message>
        <source>Edit rules…</source>
        <translation>Regeln bearbeiten …</translation>
    </message>
    <message>
        <source>Current state</source>
        <translation>Aktueller Zustand</translation>
    </message>
    <message>
        <source>Episodes in the window (hourly)</source>
        <translation>Episoden im Zeitraum (stündlich)</translation>
    </message>
    <message>
        <source>Anomalies: hours outside their seasonal range</source>
        <translation>Anomalien: Stunden außerhalb ihres saisonalen Bereichs</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Worst</source>
        <translation>Schlimmster Wert</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Hour (UTC)</source>
        <translation>Stunde (UTC)</translation>
    </message>
    <message>
        <source>Expected range</source>
        <translation>Erwarteter Bereich</translation>
    </message>
    <message>
        <source>Double-click an episode to review the interactions behind it.</source>
        <translation>Doppelklicken Sie auf eine Episode, um die Interaktionen dahinter zu prüfen.</translation>
    </message>
    <message>
        <source>No store open</source>
        <translation>Kein Speicher geöffnet</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s): the built-in defaults (low confidence, cost spike, low ratings, p95 latency)</source>
        <translation>
            <numerusform>%n Regel: die eingebauten Standardregeln (niedrige Konfidenz, Kostenspitze, schlechte Bewertungen, p95-Latenz)</numerusform>
            <numerusform>%n Regeln: die eingebauten Standardregeln (niedrige Konfidenz, Kostenspitze, schlechte Bewertungen, p95-Latenz)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) from %1</source>
        <translation>
            <numerusform>%n Regel aus %1</numerusform>
            <numerusform>%n Regeln aus %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Current state, as of %1 UTC</source>
        <translation>Aktueller Zustand, Stand %1 UTC</translation>
    </message>
    <message>
        <source>No rule fired in this window</source>
        <translation>In diesem Zeitraum hat keine Regel ausgelöst</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>andauernd</translation>
    </message>
    <message>
        <source>No anomalies in this window</source>
        <translation>Keine Anomalien in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Double-click an anomaly to review that hour&apos;s interactions.</source>
        <translation>Doppelklicken Sie auf eine Anomalie, um die Interaktionen dieser Stunde zu prüfen.</translation>
    </message>
</context>
<context>
    <name>RagScope::AsyncInteractionRecorder</name>
    <message>
        <source>the recorder is shut down</source>
        <translation>Der Recorder ist heruntergefahren</translation>
    </message>
    <message>
        <source>the recorder&apos;s queue is full (%1 records wait for the store): interaction dropped</source>
        <translation>Die Warteschlange des Recorders ist voll (%1 Datensätze warten auf den Speicher): Interaktion verworfen</translation>
    </message>
</context>
<context>
    <name>RagScope::Banner</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Store error</source>
        <translation>Speicherfehler</translation>
    </message>
    <message>
        <source>Retry loading</source>
        <translation>Erneut laden</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>RagScope::BatchWriter</name>
    <message>
        <source>the PostgreSQL driver gave no libpq handle</source>
        <translation>Der PostgreSQL-Treiber lieferte kein libpq-Handle</translation>
    </message>
</context>
<context>
    <name>RagScope::BudgetStore</name>
    <message>
        <source>cannot save the budget: %1</source>
        <translation>Das Budget kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>this store has no budgets (schema version %1 &lt; %2): run `ragscope-cli migrate`</source>
        <translation>Dieser Speicher hat keine Budgets (Schemaversion %1 &lt; %2): führen Sie `ragscope-cli migrate` aus</translation>
    </message>
    <message>
        <source>a budget cannot be negative</source>
        <translation>Ein Budget kann nicht negativ sein</translation>
    </message>
    <message>
        <source>a model or user name is longer than 255 characters</source>
        <translation>Ein Modell- oder Benutzername ist länger als 255 Zeichen</translation>
    </message>
</context>
<context>
    <name>RagScope::BurnDownPanel</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>Save budget</source>
        <translation>Budget speichern</translation>
    </message>
    <message>
        <source>Monthly budget (USD) for</source>
        <translation>Monatsbudget (USD) für</translation>
    </message>
    <message>
        <source>A budget is a non-negative decimal amount, e.g. 250 or 1200.50</source>
        <translation>Ein Budget ist ein nicht negativer Dezimalbetrag, z. B. 250 oder 1200.50</translation>
    </message>
    <message>
        <source>saved in the store</source>
        <translation>im Speicher gesichert</translation>
    </message>
    <message>
        <source>saved in this computer&apos;s settings</source>
        <translation>in den Einstellungen dieses Computers gesichert</translation>
    </message>
    <message>
        <source>Shared with everyone who opens this store</source>
        <translation>Für alle geteilt, die diesen Speicher öffnen</translation>
    </message>
    <message>
        <source>This role may not write the store (or the store has no budgets table): the budget stays on this computer</source>
        <translation>Diese Rolle darf den Speicher nicht beschreiben (oder der Speicher hat keine Budget-Tabelle): Das Budget bleibt auf diesem Computer</translation>
    </message>
    <message>
        <source>No budget set: forecast %1 this month</source>
        <translation>Kein Budget festgelegt: Prognose %1 in diesem Monat</translation>
    </message>
    <message>
        <source>On track: forecast %1 of %2</source>
        <translation>Im Plan: Prognose %1 von %2</translation>
    </message>
    <message>
        <source>Over by %1 on %2</source>
        <translation>Überschritten um %1 am %2</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Ist</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>80% band, low</source>
        <translation>80-%-Band, unten</translation>
    </message>
    <message>
        <source>80% band, high</source>
        <translation>80-%-Band, oben</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>%1. Month to date (actual, up to yesterday): %2; forecast month total %3 (80%: %4 – %5); naive projection (daily mean × days): %6.</source>
        <translation>%1. Monat bis heute (Ist, bis gestern): %2; prognostizierte Monatssumme %3 (80 %: %4 – %5); naive Hochrechnung (Tagesmittel × Tage): %6.</translation>
    </message>
    <message>
        <source>At the forecast rate the budget runs out on %1.</source>
        <translation>Bei der prognostizierten Rate ist das Budget am %1 aufgebraucht.</translation>
    </message>
    <message>
        <source>Forecast amounts are estimates rounded to cents.</source>
        <translation>Prognosebeträge sind auf Cent gerundete Schätzungen.</translation>
    </message>
    <message>
        <source>Cost (USD)</source>
        <translation>Kosten (USD)</translation>
    </message>
</context>
<context>
    <name>RagScope::ClaimService</name>
    <message>
        <source>cannot work the queue: %1</source>
        <translation>Die Prüfliste kann nicht bearbeitet werden: %1</translation>
    </message>
    <message>
        <source>the queue &quot;%1&quot; is gone</source>
        <translation>Die Prüfliste „%1“ gibt es nicht mehr</translation>
    </message>
</context>
<context>
    <name>RagScope::Cli</name>
    <message>
        <source>Time each dashboard query on a store (min and median of --repeat runs) and the review queue&apos;s keyset paging; reports peak memory. Measures, never fails on speed.</source>
        <translation>Misst jede Dashboard-Abfrage auf einem Speicher (Minimum und Median aus --repeat Läufen) und das Blättern der Prüfliste per Keyset; meldet den Spitzenspeicherverbrauch. Misst nur, scheitert nie an der Geschwindigkeit.</translation>
    </message>
    <message>
        <source>Runs per query (default 5).</source>
        <translation>Läufe pro Abfrage (Standard 5).</translation>
    </message>
    <message>
        <source>Review-queue pages of 200 to walk (default 50).</source>
        <translation>Zu durchlaufende Seiten der Prüfliste zu je 200 (Standard 50).</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>JSON ausgeben.</translation>
    </message>
    <message>
        <source>Answer from RagScope&apos;s rollups where they cover the window, as the app does.</source>
        <translation>Aus den Rollups von RagScope antworten, wo sie den Zeitraum abdecken, wie die App.</translation>
    </message>
    <message>
        <source>--repeat must be a whole number from 1 to 1000</source>
        <translation>--repeat muss eine ganze Zahl von 1 bis 1000 sein</translation>
    </message>
    <message>
        <source>--pages must be a whole number from 1 to 100000</source>
        <translation>--pages muss eine ganze Zahl von 1 bis 100000 sein</translation>
    </message>
    <message>
        <source>Evaluate the alert rules as a monitoring plugin. Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (any error) — plugin conventions, unlike the other commands.</source>
        <translation>Wertet die Alarmregeln als Monitoring-Plugin aus. Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (jeder Fehler) — Plugin-Konventionen, anders als bei den anderen Befehlen.</translation>
    </message>
    <message>
        <source>Rules file (JSON, README &quot;Alerts&quot;); the four default rules without it.</source>
        <translation>Regeldatei (JSON, README „Alerts“); ohne sie die vier Standardregeln.</translation>
    </message>
    <message>
        <source>Evaluate as of this moment (ISO 8601; windows end there) instead of now.</source>
        <translation>Zu diesem Zeitpunkt auswerten (ISO 8601; die Zeiträume enden dort) statt jetzt.</translation>
    </message>
    <message>
        <source>Print one JSON object for scripts.</source>
        <translation>Ein JSON-Objekt für Skripte ausgeben.</translation>
    </message>
    <message>
        <source>Store: a libpq connection string, postgresql://user[:password]@host[:port][,…]/db[?keyword=value&amp;…] or key=value (e.g. service=NAME), sqlite:PATH or a .sqlite file. Unset PostgreSQL parts come from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, a service file or ~/.pgpass.</source>
        <translation>Speicher: ein libpq-Verbindungsstring, postgresql://user[:password]@host[:port][,…]/db[?keyword=value&amp;…] oder key=value (z. B. service=NAME), sqlite:PFAD oder eine .sqlite-Datei. Nicht gesetzte PostgreSQL-Teile kommen aus PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, einer Service-Datei oder ~/.pgpass.</translation>
    </message>
    <message>
        <source>Where writes go when --db is a read replica (a hot standby): its primary, in the same forms as --db. Reads stay on --db.</source>
        <translation>Wohin Schreibvorgänge gehen, wenn --db eine Lese-Replik ist (ein Hot Standby): ihr Primärserver, in denselben Formen wie --db. Gelesen wird weiter aus --db.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>--db URL is required</source>
        <translation>--db URL ist erforderlich</translation>
    </message>
    <message>
        <source>Window start (inclusive), ISO 8601 UTC.</source>
        <translation>Beginn des Zeitraums (einschließlich), ISO 8601 UTC.</translation>
    </message>
    <message>
        <source>Window end (exclusive), ISO 8601 UTC.</source>
        <translation>Ende des Zeitraums (ausschließlich), ISO 8601 UTC.</translation>
    </message>
    <message>
        <source>Only this user id.</source>
        <translation>Nur diese Benutzer-ID.</translation>
    </message>
    <message>
        <source>Only this model name.</source>
        <translation>Nur dieser Modellname.</translation>
    </message>
    <message>
        <source>--from and --to are required</source>
        <translation>--from und --to sind erforderlich</translation>
    </message>
    <message>
        <source>--from must be before --to</source>
        <translation>--from muss vor --to liegen</translation>
    </message>
    <message>
        <source>Price table JSON with effective dates (README: price table); default: the built-in one.</source>
        <translation>Preistabelle als JSON mit Gültigkeitsdaten (README: Preistabelle); Standard: die eingebaute.</translation>
    </message>
    <message>
        <source>stored (the backend&apos;s cost_estimate) or recomputed (tokens × the price in effect at each request&apos;s time). Default: %1.</source>
        <translation>stored (cost_estimate des Backends) oder recomputed (Tokens × der zum Zeitpunkt jeder Anfrage gültige Preis). Standard: %1.</translation>
    </message>
    <message>
        <source>--cost must be stored or recomputed, not &apos;%1&apos;</source>
        <translation>--cost muss stored oder recomputed sein, nicht „%1“</translation>
    </message>
    <message>
        <source>Create a realistic demo SQLite store: 90 days, several models, skewed users, ~20% feedback. The same --seed and --end give the same rows.</source>
        <translation>Legt einen realistischen Demo-SQLite-Speicher an: 90 Tage, mehrere Modelle, ungleich verteilte Benutzer, ~20 % Feedback. Gleiche --seed und --end ergeben dieselben Zeilen.</translation>
    </message>
    <message>
        <source>The .sqlite file to create (an existing SQLite file is replaced once the new one is complete).</source>
        <translation>Die anzulegende .sqlite-Datei (eine vorhandene SQLite-Datei wird ersetzt, sobald die neue vollständig ist).</translation>
    </message>
    <message>
        <source>Interactions (default 20000).</source>
        <translation>Interaktionen (Standard 20000).</translation>
    </message>
    <message>
        <source>Random seed (default 42).</source>
        <translation>Zufalls-Seed (Standard 42).</translation>
    </message>
    <message>
        <source>Days of history (default 90).</source>
        <translation>Tage Verlauf (Standard 90).</translation>
    </message>
    <message>
        <source>End of the data (ISO 8601, default: now, cut to the hour).</source>
        <translation>Ende der Daten (ISO 8601, Standard: jetzt, auf die Stunde gekürzt).</translation>
    </message>
    <message>
        <source>Price table JSON to cost the rows with (default: the built-in table).</source>
        <translation>Preistabelle als JSON, mit der die Zeilen bepreist werden (Standard: die eingebaute Tabelle).</translation>
    </message>
    <message>
        <source>--out FILE.sqlite is required</source>
        <translation>--out DATEI.sqlite ist erforderlich</translation>
    </message>
    <message>
        <source>--rows must be a whole number from 1 to 50000000</source>
        <translation>--rows muss eine ganze Zahl von 1 bis 50000000 sein</translation>
    </message>
    <message>
        <source>--seed must be a non-negative whole number</source>
        <translation>--seed muss eine nicht negative ganze Zahl sein</translation>
    </message>
    <message>
        <source>--days must be a whole number from 1 to 3650</source>
        <translation>--days muss eine ganze Zahl von 1 bis 3650 sein</translation>
    </message>
    <message>
        <source>Export a store, or the window --from/--to (optionally one --user/--model), as a SQLite snapshot for offline analysis. `stats` of that window on the snapshot equals `stats` on the source.</source>
        <translation>Exportiert einen Speicher oder den Zeitraum --from/--to (optional ein --user/--model) als SQLite-Snapshot zur Offline-Analyse. `stats` dieses Zeitraums auf dem Snapshot gleicht `stats` auf der Quelle.</translation>
    </message>
    <message>
        <source>The .sqlite file to write: replaced only when the snapshot is complete, never the source itself.</source>
        <translation>Die zu schreibende .sqlite-Datei: erst ersetzt, wenn der Snapshot vollständig ist, nie die Quelle selbst.</translation>
    </message>
    <message>
        <source>--user/--model need a window (--from and --to)</source>
        <translation>--user/--model brauchen einen Zeitraum (--from und --to)</translation>
    </message>
    <message>
        <source>Write reviewed interactions as a dataset: query, answer, metrics, the end user&apos;s feedback, every reviewer&apos;s verdict and the final verdict (the adjudicator&apos;s, else the newest reviewer&apos;s). Reads only.</source>
        <translation>Schreibt geprüfte Interaktionen als Datensatz: Frage, Antwort, Kennzahlen, das Feedback des Endbenutzers, das Urteil jedes Prüfers und das endgültige Urteil (das des Entscheiders, sonst das des neuesten Prüfers). Liest nur.</translation>
    </message>
    <message>
        <source>Only this saved queue&apos;s items and verdicts.</source>
        <translation>Nur die Einträge und Urteile dieser gespeicherten Prüfliste.</translation>
    </message>
    <message>
        <source>jsonl (one JSON object per line) or csv.</source>
        <translation>jsonl (ein JSON-Objekt pro Zeile) oder csv.</translation>
    </message>
    <message>
        <source>The file to write (replaced only when complete).</source>
        <translation>Die zu schreibende Datei (erst ersetzt, wenn sie vollständig ist).</translation>
    </message>
    <message>
        <source>--format must be jsonl or csv</source>
        <translation>--format muss jsonl oder csv sein</translation>
    </message>
    <message>
        <source>--out FILE is required</source>
        <translation>--out DATEI ist erforderlich</translation>
    </message>
    <message>
        <source>Record an end user&apos;s rating (1–5, optional comment ≤ 2000 characters). Submitting again for the same interaction updates the existing feedback.</source>
        <translation>Hält die Bewertung eines Endbenutzers fest (1–5, optionaler Kommentar ≤ 2000 Zeichen). Erneutes Senden für dieselbe Interaktion aktualisiert das vorhandene Feedback.</translation>
    </message>
    <message>
        <source>The interaction&apos;s UUID.</source>
        <translation>Die UUID der Interaktion.</translation>
    </message>
    <message>
        <source>Rating 1–5.</source>
        <translation>Bewertung 1–5.</translation>
    </message>
    <message>
        <source>Optional comment.</source>
        <translation>Optionaler Kommentar.</translation>
    </message>
    <message>
        <source>--interaction and --rating are required</source>
        <translation>--interaction und --rating sind erforderlich</translation>
    </message>
    <message>
        <source>rating &apos;%1&apos; is not a whole number from 1 to 5</source>
        <translation>Die Bewertung „%1“ ist keine ganze Zahl von 1 bis 5</translation>
    </message>
    <message>
        <source>This month&apos;s cost: actual to date, the forecast to month end with an 80% band (trend + weekday factors over the last 56 days), the naive projection, and the date a monthly budget runs out.</source>
        <translation>Die Kosten dieses Monats: Ist bis heute, die Prognose bis Monatsende mit 80-%-Band (Trend + Wochentagsfaktoren der letzten 56 Tage), die naive Hochrechnung und das Datum, an dem ein Monatsbudget aufgebraucht ist.</translation>
    </message>
    <message>
        <source>Monthly budget in USD (decimal); default: the store&apos;s budget for the scope.</source>
        <translation>Monatsbudget in USD (Dezimalzahl); Standard: das Budget des Speichers für diesen Bereich.</translation>
    </message>
    <message>
        <source>Only this model&apos;s cost.</source>
        <translation>Nur die Kosten dieses Modells.</translation>
    </message>
    <message>
        <source>Plan as on this UTC day (YYYY-MM-DD; default today): earlier days are actual.</source>
        <translation>Planen wie an diesem UTC-Tag (JJJJ-MM-TT; Standard heute): frühere Tage sind Ist-Werte.</translation>
    </message>
    <message>
        <source>Print one JSON object.</source>
        <translation>Ein JSON-Objekt ausgeben.</translation>
    </message>
    <message>
        <source>--budget must be a non-negative decimal amount of USD</source>
        <translation>--budget muss ein nicht negativer Dezimalbetrag in USD sein</translation>
    </message>
    <message>
        <source>Interactions rated 1 or 2 by their user, newest first. Pass the printed cursor to --after for the next page.</source>
        <translation>Interaktionen, die ihr Benutzer mit 1 oder 2 bewertet hat, neueste zuerst. Übergeben Sie den ausgegebenen Cursor an --after für die nächste Seite.</translation>
    </message>
    <message>
        <source>Rows per page (1–1000, default 50).</source>
        <translation>Zeilen pro Seite (1–1000, Standard 50).</translation>
    </message>
    <message>
        <source>Cursor printed by the previous page.</source>
        <translation>Von der vorigen Seite ausgegebener Cursor.</translation>
    </message>
    <message>
        <source>Print JSON: {&quot;rows&quot;: […], &quot;next_cursor&quot;: …}.</source>
        <translation>JSON ausgeben: {&quot;rows&quot;: […], &quot;next_cursor&quot;: …}.</translation>
    </message>
    <message>
        <source>--limit must be a whole number from 1 to 1000</source>
        <translation>--limit muss eine ganze Zahl von 1 bis 1000 sein</translation>
    </message>
    <message>
        <source>apply (or --rollback the latest) schema migrations</source>
        <translation>Schema-Migrationen anwenden (oder mit --rollback die neueste zurücknehmen)</translation>
    </message>
    <message>
        <source>metrics of a window, as a table or --json</source>
        <translation>Kennzahlen eines Zeitraums, als Tabelle oder --json</translation>
    </message>
    <message>
        <source>record an end user&apos;s rating of an interaction</source>
        <translation>die Bewertung einer Interaktion durch einen Endbenutzer festhalten</translation>
    </message>
    <message>
        <source>list low-rated interactions, newest first (keyset pages)</source>
        <translation>schlecht bewertete Interaktionen auflisten, neueste zuerst (Keyset-Seiten)</translation>
    </message>
    <message>
        <source>models side by side in a window (cost, latency, ratings with intervals, A/B tests)</source>
        <translation>Modelle eines Zeitraums nebeneinander (Kosten, Latenz, Bewertungen mit Intervallen, A/B-Tests)</translation>
    </message>
    <message>
        <source>create a deterministic demo SQLite store</source>
        <translation>einen deterministischen Demo-SQLite-Speicher anlegen</translation>
    </message>
    <message>
        <source>export a store or a window of it as a SQLite snapshot</source>
        <translation>einen Speicher oder einen Zeitraum daraus als SQLite-Snapshot exportieren</translation>
    </message>
    <message>
        <source>apply the reviews made in a snapshot to the store it came from</source>
        <translation>die in einem Snapshot gemachten Reviews auf den Speicher übertragen, aus dem er stammt</translation>
    </message>
    <message>
        <source>write reviewed interactions with their verdicts as JSON Lines or CSV</source>
        <translation>geprüfte Interaktionen mit ihren Urteilen als JSON Lines oder CSV schreiben</translation>
    </message>
    <message>
        <source>refresh the rollup tables incrementally (stats --approx reads them)</source>
        <translation>die Rollup-Tabellen inkrementell aktualisieren (stats --approx liest sie)</translation>
    </message>
    <message>
        <source>serve the feedback HTTP API (feedback, interactions, metrics, health)</source>
        <translation>die Feedback-HTTP-API bereitstellen (Feedback, Interaktionen, Kennzahlen, Zustand)</translation>
    </message>
    <message>
        <source>measure query times on a store (never fails on speed)</source>
        <translation>Abfragezeiten auf einem Speicher messen (scheitert nie an der Geschwindigkeit)</translation>
    </message>
    <message>
        <source>re-price a model&apos;s traffic at another price: window, month, year before/after</source>
        <translation>den Verkehr eines Modells zu einem anderen Preis neu bepreisen: Zeitraum, Monat, Jahr vorher/nachher</translation>
    </message>
    <message>
        <source>this month&apos;s cost forecast (trend + weekday) against a budget</source>
        <translation>die Kostenprognose dieses Monats (Trend + Wochentag) gegen ein Budget</translation>
    </message>
    <message>
        <source>evaluate alert rules as a monitoring plugin (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)</source>
        <translation>Alarmregeln als Monitoring-Plugin auswerten (Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)</translation>
    </message>
    <message>
        <source>Usage: ragscope-cli &lt;command&gt; [options]   (ragscope-cli help &lt;command&gt; for its options)</source>
        <translation>Aufruf: ragscope-cli &lt;Befehl&gt; [Optionen]   (ragscope-cli help &lt;Befehl&gt; zeigt seine Optionen)</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>the options of one command (ragscope-cli help stats)</source>
        <translation>die Optionen eines Befehls (ragscope-cli help stats)</translation>
    </message>
    <message>
        <source>Exit status:
  0  success
  1  internal error (a bug in ragscope-cli: please report it)
  2  bad arguments or input (nothing was changed)
  3  not found (store, database, file or interaction)
  4  store unreachable, credentials refused, connection lost or permission denied
  5  the store reported another database error
Every failure prints exactly one line on stderr. RAGSCOPE_DEBUG=1 also shows Qt&apos;s and the
database drivers&apos; own warnings.
</source>
        <translation>Exit-Status:
  0  Erfolg
  1  interner Fehler (ein Fehler in ragscope-cli: bitte melden Sie ihn)
  2  ungültige Argumente oder Eingaben (nichts wurde geändert)
  3  nicht gefunden (Speicher, Datenbank, Datei oder Interaktion)
  4  Speicher nicht erreichbar, Anmeldedaten abgelehnt, Verbindung abgerissen oder Zugriff verweigert
  5  der Speicher meldete einen anderen Datenbankfehler
Jeder Fehler gibt genau eine Zeile auf stderr aus. RAGSCOPE_DEBUG=1 zeigt auch die eigenen
Warnungen von Qt und den Datenbanktreibern.
</translation>
    </message>
    <message>
        <source>no command given; Usage: ragscope-cli &lt;command&gt; [options]</source>
        <translation>kein Befehl angegeben; Aufruf: ragscope-cli &lt;Befehl&gt; [Optionen]</translation>
    </message>
    <message>
        <source>help takes one command</source>
        <translation>help nimmt einen Befehl</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl „%1“</translation>
    </message>
    <message>
        <source>internal error (please report it): %1</source>
        <translation>interner Fehler (bitte melden Sie ihn): %1</translation>
    </message>
    <message>
        <source>Apply RagScope&apos;s pending migrations, or roll back the latest one.</source>
        <translation>Wendet die ausstehenden Migrationen von RagScope an oder nimmt die neueste zurück.</translation>
    </message>
    <message>
        <source>Roll back the latest applied migration.</source>
        <translation>Die zuletzt angewendete Migration zurücknehmen.</translation>
    </message>
    <message>
        <source>nothing to roll back</source>
        <translation>nichts zurückzunehmen</translation>
    </message>
    <message>
        <source>Models side by side in a window: requests, stored cost, latency, confidence, feedback, ratings of the answers each model produced in the window (with 95% intervals), reviewers&apos; verdicts.</source>
        <translation>Modelle eines Zeitraums nebeneinander: Anfragen, gespeicherte Kosten, Latenz, Konfidenz, Feedback, Bewertungen der Antworten, die jedes Modell im Zeitraum erzeugt hat (mit 95-%-Intervallen), Urteile der Prüfer.</translation>
    </message>
    <message>
        <source>With --model-b: also test model A against B (overall and per UTC week; JSON: &quot;ab&quot;).</source>
        <translation>Mit --model-b: auch Modell A gegen B testen (insgesamt und pro UTC-Woche; JSON: &quot;ab&quot;).</translation>
    </message>
    <message>
        <source>The second model of --model-a.</source>
        <translation>Das zweite Modell zu --model-a.</translation>
    </message>
    <message>
        <source>Print one JSON object {&quot;window&quot;, &quot;models&quot;: […]}.</source>
        <translation>Ein JSON-Objekt {&quot;window&quot;, &quot;models&quot;: […]} ausgeben.</translation>
    </message>
    <message>
        <source>--model-a and --model-b go together</source>
        <translation>--model-a und --model-b gehören zusammen</translation>
    </message>
    <message>
        <source>Print progress (done / total, rate, time left) on stderr even when it is not a terminal.</source>
        <translation>Fortschritt (erledigt / gesamt, Rate, Restzeit) auf stderr ausgeben, auch wenn es kein Terminal ist.</translation>
    </message>
    <message>
        <source>Apply the reviews made offline in a snapshot to the store it was exported from, in one transaction. Idempotent: reviews the store already has are left alone; interactions deleted since are skipped and listed. End users&apos; feedback is never modified.</source>
        <translation>Überträgt die offline in einem Snapshot gemachten Reviews in einer Transaktion auf den Speicher, aus dem er exportiert wurde. Idempotent: Reviews, die der Speicher schon hat, bleiben unberührt; seitdem gelöschte Interaktionen werden übersprungen und aufgelistet. Das Feedback der Endbenutzer wird nie verändert.</translation>
    </message>
    <message>
        <source>The snapshot (.sqlite) holding the reviews.</source>
        <translation>Der Snapshot (.sqlite) mit den Reviews.</translation>
    </message>
    <message>
        <source>Print what would change; change nothing.</source>
        <translation>Ausgeben, was sich ändern würde; nichts ändern.</translation>
    </message>
    <message>
        <source>Push even into a store the snapshot was not exported from.</source>
        <translation>Auch in einen Speicher übertragen, aus dem der Snapshot nicht exportiert wurde.</translation>
    </message>
    <message>
        <source>--from FILE.sqlite is required</source>
        <translation>--from DATEI.sqlite ist erforderlich</translation>
    </message>
    <message>
        <source>Refresh RagScope&apos;s rollup tables incrementally (for cron or a systemd timer).</source>
        <translation>Aktualisiert die Rollup-Tabellen von RagScope inkrementell (für cron oder einen systemd-Timer).</translation>
    </message>
    <message>
        <source>Compare every closed hour&apos;s fingerprint with its rollup instead of reading only the change log (PostgreSQL) — after restoring a backup or disabling the triggers.</source>
        <translation>Den Fingerabdruck jeder abgeschlossenen Stunde mit ihrem Rollup vergleichen, statt nur das Änderungsprotokoll zu lesen (PostgreSQL) — nach dem Einspielen einer Sicherung oder dem Abschalten der Trigger.</translation>
    </message>
    <message>
        <source>--listen &apos;%1&apos; is not ADDRESS:PORT (e.g. 127.0.0.1:8080, [::1]:8080)</source>
        <translation>--listen „%1“ ist nicht ADRESSE:PORT (z. B. 127.0.0.1:8080, [::1]:8080)</translation>
    </message>
    <message>
        <source>Serve the feedback API over HTTP: POST /api/v1/chat/feedback, POST /api/v1/chat/interactions, GET /api/v1/metrics, GET /healthz. One JSON log line per request on stdout. SIGTERM or SIGINT drains requests in flight and writes the recorder&apos;s queue before exiting. A bearer token is read from --token-file or the RAGSCOPE_SERVE_TOKEN environment variable, never from the command line.</source>
        <translation>Stellt die Feedback-API über HTTP bereit: POST /api/v1/chat/feedback, POST /api/v1/chat/interactions, GET /api/v1/metrics, GET /healthz. Eine JSON-Logzeile pro Anfrage auf stdout. SIGTERM oder SIGINT lässt laufende Anfragen auslaufen und schreibt die Warteschlange des Recorders vor dem Beenden. Ein Bearer-Token wird aus --token-file oder der Umgebungsvariablen RAGSCOPE_SERVE_TOKEN gelesen, nie von der Befehlszeile.</translation>
    </message>
    <message>
        <source>Address and port (default 127.0.0.1:8080; port 0: any free one).</source>
        <translation>Adresse und Port (Standard 127.0.0.1:8080; Port 0: irgendein freier).</translation>
    </message>
    <message>
        <source>File whose first line is the bearer token required on every route but /healthz.</source>
        <translation>Datei, deren erste Zeile das Bearer-Token ist, das jede Route außer /healthz verlangt.</translation>
    </message>
    <message>
        <source>Largest request body in bytes (default 65536).</source>
        <translation>Größter Anfragerumpf in Bytes (Standard 65536).</translation>
    </message>
    <message>
        <source>Interactions held while the store is slow or away (default 100000).</source>
        <translation>Interaktionen, die gehalten werden, während der Speicher langsam oder weg ist (Standard 100000).</translation>
    </message>
    <message>
        <source>Price table (JSON) for interactions sent without a cost.</source>
        <translation>Preistabelle (JSON) für Interaktionen, die ohne Kosten gesendet werden.</translation>
    </message>
    <message>
        <source>--body-limit must be a whole number of bytes from 1 to 67108864</source>
        <translation>--body-limit muss eine ganze Zahl von Bytes von 1 bis 67108864 sein</translation>
    </message>
    <message>
        <source>--queue must be a whole number from 1 to 10000000</source>
        <translation>--queue muss eine ganze Zahl von 1 bis 10000000 sein</translation>
    </message>
    <message>
        <source>give the token either with --token-file or in RAGSCOPE_SERVE_TOKEN, not both</source>
        <translation>Geben Sie das Token entweder mit --token-file oder in RAGSCOPE_SERVE_TOKEN an, nicht beides</translation>
    </message>
    <message>
        <source>cannot serve feedback: %1</source>
        <translation>Feedback kann nicht bereitgestellt werden: %1</translation>
    </message>
    <message>
        <source>cannot create the signal socket pair</source>
        <translation>Das Socket-Paar für Signale kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Metrics of a window (store contract §3), as a table or as JSON (§5).</source>
        <translation>Kennzahlen eines Zeitraums (Speichervertrag §3), als Tabelle oder als JSON (§5).</translation>
    </message>
    <message>
        <source>Print one JSON object (store contract §5).</source>
        <translation>Ein JSON-Objekt ausgeben (Speichervertrag §5).</translation>
    </message>
    <message>
        <source>Answer from the rollups (`ragscope-cli rollup`) where they cover the window: counts and money exact, percentiles within 1%. Adds &quot;mode&quot;: &quot;rollup&quot; or &quot;raw&quot; (no usable rollups).</source>
        <translation>Aus den Rollups (`ragscope-cli rollup`) antworten, wo sie den Zeitraum abdecken: Anzahlen und Geld exakt, Perzentile auf 1 % genau. Fügt &quot;mode&quot;: &quot;rollup&quot; oder &quot;raw&quot; (keine nutzbaren Rollups) hinzu.</translation>
    </message>
    <message>
        <source>Also the previous window of the same length and the changes (JSON: &quot;previous&quot;).</source>
        <translation>Auch den vorigen Zeitraum gleicher Länge und die Änderungen (JSON: &quot;previous&quot;).</translation>
    </message>
    <message>
        <source>Re-price one model&apos;s traffic in a window (--model) at another model&apos;s price or a typed one, optionally only a share of it: window, monthly and annual cost before and after, exact.</source>
        <translation>Bepreist den Verkehr eines Modells in einem Zeitraum (--model) neu, zum Preis eines anderen Modells oder zu einem eingegebenen, optional nur einen Anteil davon: Kosten für Zeitraum, Monat und Jahr vorher und nachher, exakt.</translation>
    </message>
    <message>
        <source>Price the traffic as this model (its price in effect at each request&apos;s time).</source>
        <translation>Den Verkehr wie dieses Modell bepreisen (sein zum Zeitpunkt jeder Anfrage gültiger Preis).</translation>
    </message>
    <message>
        <source>Or a typed input price, USD per 1M tokens.</source>
        <translation>Oder ein eingegebener Eingabepreis, USD je 1 Mio. Tokens.</translation>
    </message>
    <message>
        <source>Typed output price, USD per 1M tokens.</source>
        <translation>Eingegebener Ausgabepreis, USD je 1 Mio. Tokens.</translation>
    </message>
    <message>
        <source>Percent of the traffic to move (default 100).</source>
        <translation>Prozent des Verkehrs, der verlagert wird (Standard 100).</translation>
    </message>
    <message>
        <source>--model (the traffic to re-price) is required</source>
        <translation>--model (der neu zu bepreisende Verkehr) ist erforderlich</translation>
    </message>
    <message>
        <source>give either --target-model or --target-input</source>
        <translation>Geben Sie entweder --target-model oder --target-input an</translation>
    </message>
    <message>
        <source>--share must be a percentage from 0 to 100 with at most two decimals</source>
        <translation>--share muss ein Prozentsatz von 0 bis 100 mit höchstens zwei Nachkommastellen sein</translation>
    </message>
</context>
<context>
    <name>RagScope::ConnectionDialog</name>
    <message>
        <source>Save password to ~/.pgpass</source>
        <translation>Passwort in ~/.pgpass speichern</translation>
    </message>
    <message>
        <source>Open PostgreSQL store</source>
        <translation>PostgreSQL-Speicher öffnen</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>postgresql://user@host:5432/database?sslmode=require</source>
        <translation>postgresql://benutzer@host:5432/datenbank?sslmode=require</translation>
    </message>
    <message>
        <source>PGHOST or local socket</source>
        <translation>PGHOST oder lokaler Socket</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>PGUSER or your login name</source>
        <translation>PGUSER oder Ihr Anmeldename</translation>
    </message>
    <message>
        <source>~/.pgpass or PGPASSWORD if empty</source>
        <translation>~/.pgpass oder PGPASSWORD, wenn leer</translation>
    </message>
    <message>
        <source>Default (libpq)</source>
        <translation>Standard (libpq)</translation>
    </message>
    <message>
        <source>RagScope never keeps passwords in its settings. libpq reads ~/.pgpass (written with permissions 0600) on the next connection.</source>
        <translation>RagScope speichert nie Passwörter in seinen Einstellungen. libpq liest ~/.pgpass (mit den Rechten 0600 geschrieben) bei der nächsten Verbindung.</translation>
    </message>
    <message>
        <source>Optional: the primary, when this is a read replica</source>
        <translation>Optional: der Primärserver, wenn dies ein Lesereplikat ist</translation>
    </message>
    <message>
        <source>Reviews and feedback are saved here; the dashboard reads from the store above. Its password comes from ~/.pgpass, a service file or PGPASSWORD.</source>
        <translation>Reviews und Feedback werden hier gespeichert; das Dashboard liest aus dem Speicher oben. Sein Passwort kommt aus ~/.pgpass, einer Service-Datei oder PGPASSWORD.</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>SS&amp;L mode:</source>
        <translation>SS&amp;L-Modus:</translation>
    </message>
    <message>
        <source>&amp;Write store:</source>
        <translation>&amp;Schreibspeicher:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>The write store must be a PostgreSQL server (the primary).</source>
        <translation>Der Schreibspeicher muss ein PostgreSQL-Server sein (der Primärserver).</translation>
    </message>
    <message>
        <source>This is a SQLite snapshot; open it with File › Open snapshot…</source>
        <translation>Dies ist ein SQLite-Snapshot; öffnen Sie ihn mit Datei › Snapshot öffnen …</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <source>Connected: reads here, writes to %1.</source>
        <translation>Verbunden: liest hier, schreibt nach %1.</translation>
    </message>
    <message>
        <source>Connected (read-only: %1).</source>
        <translation>Verbunden (schreibgeschützt: %1).</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Verbunden.</translation>
    </message>
    <message>
        <source>Connected. The monitoring tables are missing; RagScope creates them when it opens the store.</source>
        <translation>Verbunden. Die Überwachungstabellen fehlen; RagScope legt sie beim Öffnen des Speichers an.</translation>
    </message>
    <message>
        <source>Enter a database name.</source>
        <translation>Geben Sie einen Datenbanknamen ein.</translation>
    </message>
    <message>
        <source>&amp;Remember password in the desktop keyring</source>
        <translation>Passwort im Schlüsselbund des Desktops &amp;merken</translation>
    </message>
    <message>
        <source>Kept by the desktop&apos;s secret service (GNOME Keyring, KWallet), never in RagScope&apos;s settings; filled in when this profile is picked.</source>
        <translation>Wird vom Geheimnisdienst des Desktops (GNOME Keyring, KWallet) verwahrt, nie in den Einstellungen von RagScope; beim Auswählen dieses Profils eingesetzt.</translation>
    </message>
    <message>
        <source>Saving the password in the desktop keyring…</source>
        <translation>Passwort wird im Schlüsselbund des Desktops gespeichert …</translation>
    </message>
    <message>
        <source>Optional: defaults to the database role</source>
        <translation>Optional: standardmäßig die Datenbankrolle</translation>
    </message>
    <message>
        <source>The name your reviews and queue claims are saved under with this profile</source>
        <translation>Der Name, unter dem Ihre Reviews und Übernahmen aus Prüflisten mit diesem Profil gespeichert werden</translation>
    </message>
    <message>
        <source>&amp;Reviewer:</source>
        <translation>Prü&amp;fer:</translation>
    </message>
</context>
<context>
    <name>RagScope::CostDisplay</name>
    <message>
        <source>no price</source>
        <translation>kein Preis</translation>
    </message>
    <message>
        <source>%1 (+%2 %3)</source>
        <translation>%1 (+%2 %3)</translation>
    </message>
</context>
<context>
    <name>RagScope::CostPage</name>
    <message>
        <source>Cost (USD)</source>
        <translation>Kosten (USD)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Daily cost per model</source>
        <translation>Tägliche Kosten je Modell</translation>
    </message>
    <message>
        <source>Tokens per day</source>
        <translation>Tokens pro Tag</translation>
    </message>
    <message>
        <source>Daily cost table</source>
        <translation>Tabelle der täglichen Kosten</translation>
    </message>
    <message>
        <source>Prices in use (USD per 1M tokens)</source>
        <translation>Verwendete Preise (USD je 1 Mio. Tokens)</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>Hochrechnung</translation>
    </message>
    <message>
        <source>Requests in window</source>
        <translation>Anfragen im Zeitraum</translation>
    </message>
    <message>
        <source>Cost in window</source>
        <translation>Kosten im Zeitraum</translation>
    </message>
    <message>
        <source>Daily average</source>
        <translation>Tagesdurchschnitt</translation>
    </message>
    <message>
        <source>Monthly (× 30 days)</source>
        <translation>Monatlich (× 30 Tage)</translation>
    </message>
    <message>
        <source>Annual (× 365 days)</source>
        <translation>Jährlich (× 365 Tage)</translation>
    </message>
    <message>
        <source>No store open</source>
        <translation>Kein Speicher geöffnet</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Anomaly (outside the expected range)
%1</source>
        <translation>Anomalie (außerhalb des erwarteten Bereichs)
%1</translation>
    </message>
    <message>
        <source>No interactions in this window</source>
        <translation>Keine Interaktionen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>Prompt-Tokens</translation>
    </message>
    <message>
        <source>Completion tokens</source>
        <translation>Antwort-Tokens</translation>
    </message>
    <message>
        <source>⚠ Requests without a cost in this window: %1. Their model is not in the price table, so the totals and projections leave them out.</source>
        <translation>⚠ Anfragen ohne Kosten in diesem Zeitraum: %1. Ihr Modell steht nicht in der Preistabelle, daher fehlen sie in Summen und Hochrechnungen.</translation>
    </message>
    <message>
        <source>%1: %2 (requests: %3)</source>
        <translation>%1: %2 (Anfragen: %3)</translation>
    </message>
    <message>
        <source>All models: %1</source>
        <translation>Alle Modelle: %1</translation>
    </message>
    <message>
        <source>%1
Prompt: %2 tokens
Completion: %3 tokens</source>
        <translation>%1
Prompt: %2 Tokens
Antwort: %3 Tokens</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
</context>
<context>
    <name>RagScope::CostPlanningTabs</name>
    <message>
        <source>Stored vs recomputed cost per day and model</source>
        <translation>Gespeicherte und neu berechnete Kosten pro Tag und Modell</translation>
    </message>
    <message>
        <source>Budget burn-down</source>
        <translation>Budgetverbrauch</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>Was-wäre-wenn</translation>
    </message>
    <message>
        <source>No interactions in this window</source>
        <translation>Keine Interaktionen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Stored vs recomputed cost per day and model: they agree</source>
        <translation>Gespeicherte und neu berechnete Kosten pro Tag und Modell: Sie stimmen überein</translation>
    </message>
    <message numerus="yes">
        <source>Stored vs recomputed cost per day and model: %n row(s) differ</source>
        <translation>
            <numerusform>Gespeicherte und neu berechnete Kosten pro Tag und Modell: %n Zeile weicht ab</numerusform>
            <numerusform>Gespeicherte und neu berechnete Kosten pro Tag und Modell: %n Zeilen weichen ab</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RagScope::CostViewSwitch</name>
    <message>
        <source>Stored cost (the backend&apos;s cost_estimate)</source>
        <translation>Gespeicherte Kosten (cost_estimate des Backends)</translation>
    </message>
    <message>
        <source>Recomputed cost (tokens × price in effect)</source>
        <translation>Neu berechnete Kosten (Tokens × gültiger Preis)</translation>
    </message>
</context>
<context>
    <name>RagScope::CsvExportJob</name>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Counting rows…</source>
        <translation>Zähle Zeilen …</translation>
    </message>
    <message>
        <source>CSV export progress</source>
        <translation>Fortschritt des CSV-Exports</translation>
    </message>
    <message>
        <source>%1 of %2 rows written</source>
        <translation>%1 von %2 Zeilen geschrieben</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>RagScope::CsvFile</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>RagScope::DailyCostModel</name>
    <message>
        <source>(no model)</source>
        <translation>(kein Modell)</translation>
    </message>
    <message>
        <source>Day (UTC)</source>
        <translation>Tag (UTC)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Prompt tok.</source>
        <translation>Prompt-Tok.</translation>
    </message>
    <message>
        <source>Completion tok.</source>
        <translation>Antwort-Tok.</translation>
    </message>
    <message>
        <source>Cost (USD)</source>
        <translation>Kosten (USD)</translation>
    </message>
</context>
<context>
    <name>RagScope::DaySketches</name>
    <message>
        <source>a latency sketch in ragscope_rollup_hour_model is damaged (run `ragscope-cli rollup --verify`)</source>
        <translation>Eine Latenzskizze in ragscope_rollup_hour_model ist beschädigt (führen Sie `ragscope-cli rollup --verify` aus)</translation>
    </message>
</context>
<context>
    <name>RagScope::DemoGenerator</name>
    <message>
        <source>a demo store needs at least one row and one day</source>
        <translation>Ein Demo-Speicher braucht mindestens eine Zeile und einen Tag</translation>
    </message>
    <message>
        <source>demo generation cancelled</source>
        <translation>Demo-Erzeugung abgebrochen</translation>
    </message>
</context>
<context>
    <name>RagScope::ExportRunPanel</name>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Fortschritt des Exports</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>RagScope::FeedbackRules</name>
    <message>
        <source>rating must be a whole number from %1 to %2, not %3</source>
        <translation>Die Bewertung muss eine ganze Zahl von %1 bis %2 sein, nicht %3</translation>
    </message>
    <message>
        <source>comment has %1 characters; at most %2 are allowed</source>
        <translation>Der Kommentar hat %1 Zeichen; höchstens %2 sind erlaubt</translation>
    </message>
    <message>
        <source>a review needs the reviewer&apos;s name</source>
        <translation>Ein Review braucht den Namen des Prüfers</translation>
    </message>
    <message>
        <source>reviewer name has %1 characters; at most %2 are allowed</source>
        <translation>Der Name des Prüfers hat %1 Zeichen; höchstens %2 sind erlaubt</translation>
    </message>
    <message>
        <source>label has %1 characters; at most %2 are allowed</source>
        <translation>Die Kennzeichnung hat %1 Zeichen; höchstens %2 sind erlaubt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an interaction id (expected a UUID such as 123e4567-e89b-12d3-a456-426614174000)</source>
        <translation>„%1“ ist keine Interaktions-ID (erwartet wird eine UUID wie 123e4567-e89b-12d3-a456-426614174000)</translation>
    </message>
</context>
<context>
    <name>RagScope::FeedbackService</name>
    <message>
        <source>there is no interaction with id %1</source>
        <translation>Es gibt keine Interaktion mit der ID %1</translation>
    </message>
    <message>
        <source>cannot save feedback: %1</source>
        <translation>Das Feedback kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>saving feedback returned no row</source>
        <translation>Das Speichern des Feedbacks lieferte keine Zeile</translation>
    </message>
    <message>
        <source>the number of rows must be at least 1</source>
        <translation>Die Anzahl der Zeilen muss mindestens 1 sein</translation>
    </message>
</context>
<context>
    <name>RagScope::FilterBar</name>
    <message>
        <source>From (UTC)</source>
        <translation>Von (UTC)</translation>
    </message>
    <message>
        <source>To (UTC)</source>
        <translation>Bis (UTC)</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Range error</source>
        <translation>Fehler im Zeitraum</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Not a valid time: the range was not applied</source>
        <translation>Keine gültige Zeit: Der Zeitraum wurde nicht übernommen</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>“From” must be before “To”: the range was not applied</source>
        <translation>„Von“ muss vor „Bis“ liegen: Der Zeitraum wurde nicht übernommen</translation>
    </message>
    <message>
        <source>User error</source>
        <translation>Fehler beim Benutzer</translation>
    </message>
    <message>
        <source>No user “%1” in this store: the filter is unchanged</source>
        <translation>Kein Benutzer „%1“ in diesem Speicher: Der Filter bleibt unverändert</translation>
    </message>
</context>
<context>
    <name>RagScope::HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About RagScope</source>
        <translation>Ü&amp;ber RagScope</translation>
    </message>
    <message>
        <source>About RagScope</source>
        <translation>Über RagScope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;RagScope %1&lt;/h3&gt;&lt;p&gt;Cost, latency and answer-quality analytics for the monitoring store of a RAG chat service.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RagScope %1&lt;/h3&gt;&lt;p&gt;Kosten-, Latenz- und Antwortqualitätsanalysen für den Überwachungsspeicher eines RAG-Chatdienstes.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
</context>
<context>
    <name>RagScope::InteractionDetailView</name>
    <message>
        <source>Interaction detail</source>
        <translation>Details der Interaktion</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Citations</source>
        <translation>Quellenangaben</translation>
    </message>
    <message>
        <source>Total latency</source>
        <translation>Gesamtlatenz</translation>
    </message>
    <message>
        <source>Retrieval latency</source>
        <translation>Retrieval-Latenz</translation>
    </message>
    <message>
        <source>Generation latency</source>
        <translation>Generierungslatenz</translation>
    </message>
    <message>
        <source>Tokens (in / out / total)</source>
        <translation>Tokens (ein / aus / gesamt)</translation>
    </message>
    <message>
        <source>%1 / %2 / %3</source>
        <translation>%1 / %2 / %3</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>End user&apos;s feedback</source>
        <translation>Feedback des Endnutzers</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 von 5</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Abgegeben</translation>
    </message>
    <message>
        <source>No feedback from the user.</source>
        <translation>Kein Feedback vom Benutzer.</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reviews</translation>
    </message>
    <message>
        <source>Not reviewed yet.</source>
        <translation>Noch nicht geprüft.</translation>
    </message>
    <message>
        <source>%1 rated %2 of 5 on %3</source>
        <translation>%1 bewertete am %3 mit %2 von 5</translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
</context>
<context>
    <name>RagScope::InteractionRecorder</name>
    <message>
        <source>record %1: %2</source>
        <translation>Datensatz %1: %2</translation>
    </message>
</context>
<context>
    <name>RagScope::KeysetCursor</name>
    <message>
        <source>the paging cursor is not valid for this list (start again from the first page)</source>
        <translation>Der Blätter-Cursor passt nicht zu dieser Liste (beginnen Sie wieder mit der ersten Seite)</translation>
    </message>
</context>
<context>
    <name>RagScope::KpiCard</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>RagScope::LabelStore</name>
    <message>
        <source>a label needs a name</source>
        <translation>Eine Kennzeichnung braucht einen Namen</translation>
    </message>
    <message>
        <source>label &quot;%1&quot; is listed twice</source>
        <translation>Die Kennzeichnung „%1“ ist doppelt aufgeführt</translation>
    </message>
    <message>
        <source>the description of &quot;%1&quot; is longer than 500 characters</source>
        <translation>Die Beschreibung von „%1“ ist länger als 500 Zeichen</translation>
    </message>
    <message>
        <source>the colour of &quot;%1&quot; must look like #RRGGBB, not &quot;%2&quot;</source>
        <translation>Die Farbe von „%1“ muss wie #RRGGBB aussehen, nicht „%2“</translation>
    </message>
    <message>
        <source>the shortcut of &quot;%1&quot; must be one character</source>
        <translation>Das Tastenkürzel von „%1“ muss ein Zeichen sein</translation>
    </message>
    <message>
        <source>the shortcut of &quot;%1&quot; (%2) is one of the Review page&apos;s own keys (%3)</source>
        <translation>Das Tastenkürzel von „%1“ (%2) ist eine der eigenen Tasten der Prüfseite (%3)</translation>
    </message>
    <message>
        <source>shortcut %1 is given twice</source>
        <translation>Das Tastenkürzel %1 ist zweimal vergeben</translation>
    </message>
    <message>
        <source>the rating scale needs five wordings, not %1</source>
        <translation>Die Bewertungsskala braucht fünf Bezeichnungen, nicht %1</translation>
    </message>
    <message>
        <source>each rating&apos;s wording must be 1 to 100 characters</source>
        <translation>Die Bezeichnung jeder Bewertung muss 1 bis 100 Zeichen lang sein</translation>
    </message>
    <message>
        <source>cannot save the labels: %1</source>
        <translation>Die Kennzeichnungen können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>this store has no shared labels (schema version %1 &lt; 6): run `ragscope-cli migrate`</source>
        <translation>Dieser Speicher hat keine gemeinsamen Kennzeichnungen (Schemaversion %1 &lt; 6): führen Sie `ragscope-cli migrate` aus</translation>
    </message>
</context>
<context>
    <name>RagScope::LabelsEditorDialog</name>
    <message>
        <source>Save for the team</source>
        <translation>Für das Team speichern</translation>
    </message>
    <message>
        <source>Review labels</source>
        <translation>Prüf-Kennzeichnungen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Colour (#RRGGBB)</source>
        <translation>Farbe (#RRGGBB)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Kennzeichnungen</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>Kennzeichnung hinzufügen</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>Kennzeichnung entfernen</translation>
    </message>
    <message>
        <source>Wording of rating %1</source>
        <translation>Bezeichnung der Bewertung %1</translation>
    </message>
    <message>
        <source>Rating %1</source>
        <translation>Bewertung %1</translation>
    </message>
    <message>
        <source>Labels status</source>
        <translation>Status der Kennzeichnungen</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>Es ist kein Speicher geöffnet.</translation>
    </message>
    <message>
        <source>Saving is off: this store is read-only (%1).</source>
        <translation>Speichern ist aus: Dieser Speicher ist schreibgeschützt (%1).</translation>
    </message>
    <message>
        <source>Saving is off: this store has no shared labels yet (run `ragscope-cli migrate`).</source>
        <translation>Speichern ist aus: Dieser Speicher hat noch keine gemeinsamen Kennzeichnungen (führen Sie `ragscope-cli migrate` aus).</translation>
    </message>
    <message>
        <source>Rating scale</source>
        <translation>Bewertungsskala</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Speichere …</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>RagScope::LatencyPage</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Exact percentiles</source>
        <translation>Exakte Perzentile</translation>
    </message>
    <message>
        <source>Total latency (ms)</source>
        <translation>Gesamtlatenz (ms)</translation>
    </message>
    <message>
        <source>Latency percentiles over time</source>
        <translation>Latenz-Perzentile im Zeitverlauf</translation>
    </message>
    <message>
        <source>Retrieval vs generation (average per bucket)</source>
        <translation>Retrieval und Generierung (Mittel je Intervall)</translation>
    </message>
    <message>
        <source>Percentiles in this window</source>
        <translation>Perzentile in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Compute the percentiles over every row of the window (slow on big stores)</source>
        <translation>Die Perzentile über jede Zeile des Zeitraums berechnen (langsam bei großen Speichern)</translation>
    </message>
    <message>
        <source>No store open</source>
        <translation>Kein Speicher geöffnet</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>No interactions in this window</source>
        <translation>Keine Interaktionen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>p%1</source>
        <translation>p%1</translation>
    </message>
    <message>
        <source>Retrieval</source>
        <translation>Retrieval</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <source>Percentiles in this window (from rollups, within 1%)</source>
        <translation>Perzentile in diesem Zeitraum (aus Rollups, auf 1 % genau)</translation>
    </message>
    <message>
        <source>Percentiles in this window (exact)</source>
        <translation>Perzentile in diesem Zeitraum (exakt)</translation>
    </message>
    <message>
        <source>%1 UTC — requests: %2</source>
        <translation>%1 UTC — Anfragen: %2</translation>
    </message>
    <message>
        <source>p%1: %2</source>
        <translation>p%1: %2</translation>
    </message>
    <message>
        <source>Retrieval (avg): %1</source>
        <translation>Retrieval (Mittel): %1</translation>
    </message>
    <message>
        <source>Generation (avg): %1</source>
        <translation>Generierung (Mittel): %1</translation>
    </message>
    <message>
        <source>Average (ms)</source>
        <translation>Mittelwert (ms)</translation>
    </message>
</context>
<context>
    <name>RagScope::LatencyPercentilesModel</name>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Retrieval</source>
        <translation>Retrieval</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>p%1 (ms)</source>
        <translation>p%1 (ms)</translation>
    </message>
</context>
<context>
    <name>RagScope::MainWindow</name>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Öffne …</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open PostgreSQL…</source>
        <translation>PostgreSQL &amp;öffnen …</translation>
    </message>
    <message>
        <source>Open &amp;snapshot…</source>
        <translation>&amp;Snapshot öffnen …</translation>
    </message>
    <message>
        <source>Open &amp;demo store</source>
        <translation>&amp;Demo-Speicher öffnen</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Export snapshot…</source>
        <translation>Snapshot &amp;exportieren …</translation>
    </message>
    <message>
        <source>&amp;Push reviews…</source>
        <translation>Reviews &amp;übertragen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>The store reported an error; the pages show their last data.
%1</source>
        <translation>Der Speicher meldete einen Fehler; die Seiten zeigen ihre letzten Daten.
%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) firing</source>
        <translation>
            <numerusform>%n Alarm aktiv</numerusform>
            <numerusform>%n Alarme aktiv</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Öffne %1 …</translation>
    </message>
    <message>
        <source>Preparing the demo store (the first time takes a moment)…</source>
        <translation>Bereite den Demo-Speicher vor (beim ersten Mal dauert es einen Moment) …</translation>
    </message>
    <message>
        <source>Could not open the store: %1</source>
        <translation>Der Speicher konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Create a monitoring store?</source>
        <translation>Überwachungsspeicher anlegen?</translation>
    </message>
    <message>
        <source>%1 holds no tables. Create RagScope&apos;s monitoring tables in it?</source>
        <translation>%1 enthält keine Tabellen. Die Überwachungstabellen von RagScope darin anlegen?</translation>
    </message>
    <message>
        <source>Open snapshot</source>
        <translation>Snapshot öffnen</translation>
    </message>
    <message>
        <source>SQLite snapshots (*.sqlite *.sqlite3 *.db);;All files (*)</source>
        <translation>SQLite-Snapshots (*.sqlite *.sqlite3 *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>RagScope</source>
        <translation>RagScope</translation>
    </message>
    <message>
        <source>No store open</source>
        <translation>Kein Speicher geöffnet</translation>
    </message>
    <message>
        <source>%1 (read-only) — RagScope</source>
        <translation>%1 (schreibgeschützt) — RagScope</translation>
    </message>
    <message>
        <source>%1 — RagScope</source>
        <translation>%1 — RagScope</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>Speicher: %1</translation>
    </message>
    <message>
        <source>Store: %1, writes to %2</source>
        <translation>Speicher: %1, schreibt nach %2</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>Schreibgeschützt: %1</translation>
    </message>
    <message>
        <source>Read-write</source>
        <translation>Lesen und Schreiben</translation>
    </message>
    <message>
        <source>&amp;Close store</source>
        <translation>Speicher &amp;schließen</translation>
    </message>
    <message>
        <source>Export re&amp;views…</source>
        <translation>Reviews e&amp;xportieren …</translation>
    </message>
</context>
<context>
    <name>RagScope::MetricsPage</name>
    <message>
        <source>No store open</source>
        <translation>Kein Speicher geöffnet</translation>
    </message>
</context>
<context>
    <name>RagScope::MigrationRunner</name>
    <message>
        <source>refusing to roll back migration %1 (%2): %3 holds %4 rows</source>
        <translation>Migration %1 (%2) wird nicht zurückgenommen: %3 enthält %4 Zeilen</translation>
    </message>
    <message>
        <source>nothing to roll back: no migration is recorded</source>
        <translation>Nichts zurückzunehmen: Es ist keine Migration verzeichnet</translation>
    </message>
    <message>
        <source>migration %1 is recorded but unknown to this RagScope (newer?)</source>
        <translation>Migration %1 ist verzeichnet, aber dieser RagScope-Version unbekannt (neuer?)</translation>
    </message>
</context>
<context>
    <name>RagScope::ModelComparisonModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 requests without a stored cost add nothing</source>
        <translation>%1 Anfragen ohne gespeicherte Kosten tragen nichts bei</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 [%2, %3] n=%4</source>
        <translation>%1 [%2, %3] n=%4</translation>
    </message>
    <message>
        <source>%1 n=%2</source>
        <translation>%1 n=%2</translation>
    </message>
    <message>
        <source>%1 [%2, %3]</source>
        <translation>%1 [%2, %3]</translation>
    </message>
    <message>
        <source>%1: mean %2, %3 low</source>
        <translation>%1: Mittel %2, %3 schlecht</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Requests
(share)</source>
        <translation>Anfragen
(Anteil)</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Per
request</source>
        <translation>Pro
Anfrage</translation>
    </message>
    <message>
        <source>Per 1k
tokens</source>
        <translation>Pro 1.000
Tokens</translation>
    </message>
    <message>
        <source>Total ms
p50 / p95</source>
        <translation>Gesamt ms
p50 / p95</translation>
    </message>
    <message>
        <source>Retrieval
p50 / p95</source>
        <translation>Retrieval
p50 / p95</translation>
    </message>
    <message>
        <source>Generation
p50 / p95</source>
        <translation>Generierung
p50 / p95</translation>
    </message>
    <message>
        <source>Mean
confidence</source>
        <translation>Mittlere
Konfidenz</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Mean rating
[95% CI]</source>
        <translation>Mittlere Bewertung
[95-%-KI]</translation>
    </message>
    <message>
        <source>Low-rated (≤ 2)
[Wilson 95%]</source>
        <translation>Schlecht bewertet (≤ 2)
[Wilson 95 %]</translation>
    </message>
    <message>
        <source>Reviewed:
newest rating</source>
        <translation>Geprüft:
neueste Bewertung</translation>
    </message>
</context>
<context>
    <name>RagScope::ModelsPage</name>
    <message>
        <source>Models in this window — ratings are those of the answers each model produced in the window (by interaction time)</source>
        <translation>Modelle in diesem Zeitraum — die Bewertungen sind die der Antworten, die jedes Modell im Zeitraum erzeugt hat (nach Interaktionszeit)</translation>
    </message>
    <message>
        <source>A/B: model A against model B</source>
        <translation>A/B: Modell A gegen Modell B</translation>
    </message>
    <message>
        <source>No store open</source>
        <translation>Kein Speicher geöffnet</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>No interactions in this window</source>
        <translation>Keine Interaktionen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>The A/B comparison needs two models with interactions in this window</source>
        <translation>Der A/B-Vergleich braucht zwei Modelle mit Interaktionen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Double-click a model to review its answers.</source>
        <translation>Doppelklicken Sie auf ein Modell, um seine Antworten zu prüfen.</translation>
    </message>
</context>
<context>
    <name>RagScope::Money</name>
    <message>
        <source>&apos;%1&apos; is not a decimal amount of USD</source>
        <translation>„%1“ ist kein Dezimalbetrag in USD</translation>
    </message>
</context>
<context>
    <name>RagScope::OutputTarget</name>
    <message>
        <source>no file name given to write to</source>
        <translation>Kein Dateiname zum Schreiben angegeben</translation>
    </message>
    <message>
        <source>cannot write %1: it is a folder, not a file</source>
        <translation>%1 kann nicht geschrieben werden: Es ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <source>cannot write %1: %2 %3</source>
        <translation>%1 kann nicht geschrieben werden: %2 %3</translation>
    </message>
    <message>
        <source>cannot write %1: no permission to create files in %2</source>
        <translation>%1 kann nicht geschrieben werden: keine Berechtigung, Dateien in %2 anzulegen</translation>
    </message>
    <message>
        <source>will not replace %1: it is not a SQLite database</source>
        <translation>%1 wird nicht ersetzt: Es ist keine SQLite-Datenbank</translation>
    </message>
</context>
<context>
    <name>RagScope::OverviewPage</name>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Top users</source>
        <translation>Aktivste Benutzer</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Requests per hour (anomalies marked)</source>
        <translation>Anfragen pro Stunde (Anomalien markiert)</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Gesamtkosten</translation>
    </message>
    <message>
        <source>Projected monthly cost</source>
        <translation>Hochgerechnete Monatskosten</translation>
    </message>
    <message>
        <source>Projected annual cost</source>
        <translation>Hochgerechnete Jahreskosten</translation>
    </message>
    <message>
        <source>Average latency</source>
        <translation>Mittlere Latenz</translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation>p95-Latenz</translation>
    </message>
    <message>
        <source>Average confidence</source>
        <translation>Mittlere Konfidenz</translation>
    </message>
    <message>
        <source>Feedback rate</source>
        <translation>Feedbackquote</translation>
    </message>
    <message>
        <source>Average rating</source>
        <translation>Mittlere Bewertung</translation>
    </message>
    <message>
        <source>Add the models to the price table (a pricing JSON file) to give them a cost.</source>
        <translation>Nehmen Sie die Modelle in die Preistabelle (eine JSON-Preisdatei) auf, um ihnen Kosten zuzuordnen.</translation>
    </message>
    <message>
        <source>Double-click a user to review their low-rated or low-confidence answers.</source>
        <translation>Doppelklicken Sie auf einen Benutzer, um seine schlecht bewerteten oder unsicheren Antworten zu prüfen.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>%1 UTC: %2 requests</source>
        <translation>%1 UTC: %2 Anfragen</translation>
    </message>
    <message>
        <source>No store is open</source>
        <translation>Es ist kein Speicher geöffnet</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>No requests in this window</source>
        <translation>Keine Anfragen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Anomaly (outside the expected range)
%1</source>
        <translation>Anomalie (außerhalb des erwarteten Bereichs)
%1</translation>
    </message>
    <message>
        <source>No whole hour in this window</source>
        <translation>Keine volle Stunde in diesem Zeitraum</translation>
    </message>
    <message numerus="yes">
        <source>vs previous %n days</source>
        <translation>
            <numerusform>ggü. dem vorigen Tag</numerusform>
            <numerusform>ggü. den vorigen %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>vs previous %n hours</source>
        <translation>
            <numerusform>ggü. der vorigen Stunde</numerusform>
            <numerusform>ggü. den vorigen %n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source> pp</source>
        <translation> Pp.</translation>
    </message>
    <message>
        <source>%1 / 5</source>
        <translation>%1 / 5</translation>
    </message>
    <message>
        <source>%1 requests of unknown models have no cost — see pricing.</source>
        <translation>%1 Anfragen unbekannter Modelle haben keine Kosten — siehe Preise.</translation>
    </message>
    <message>
        <source>Key figures, %1 – %2 UTC</source>
        <translation>Kennzahlen, %1 – %2 UTC</translation>
    </message>
    <message>
        <source>Budget this month</source>
        <translation>Budget in diesem Monat</translation>
    </message>
    <message>
        <source>budget runs out %1 at the forecast rate</source>
        <translation>Das Budget ist bei der prognostizierten Rate %1 aufgebraucht</translation>
    </message>
    <message>
        <source>forecast %1 (80%: %2 – %3)</source>
        <translation>Prognose %1 (80 %: %2 – %3)</translation>
    </message>
    <message>
        <source>no data in this window</source>
        <translation>keine Daten in diesem Zeitraum</translation>
    </message>
    <message>
        <source>no change %1</source>
        <translation>unverändert %1</translation>
    </message>
    <message>
        <source>%1 %2 (too few previous data for a %)</source>
        <translation>%1 %2 (zu wenige frühere Daten für eine Prozentangabe)</translation>
    </message>
    <message>
        <source>%1% %2</source>
        <translation>%1 % %2</translation>
    </message>
    <message numerus="yes">
        <source>no data in the previous %n days</source>
        <translation>
            <numerusform>keine Daten am vorigen Tag</numerusform>
            <numerusform>keine Daten in den vorigen %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no data in the previous %n hours</source>
        <translation>
            <numerusform>keine Daten in der vorigen Stunde</numerusform>
            <numerusform>keine Daten in den vorigen %n Stunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RagScope::Panel</name>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Save this data as CSV, with raw values</source>
        <translation>Diese Daten als CSV speichern, mit Rohwerten</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Lädt</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>Bild speichern …</translation>
    </message>
    <message>
        <source>Save this chart as a PNG or SVG image, with its window and filters</source>
        <translation>Dieses Diagramm als PNG- oder SVG-Bild speichern, mit Zeitraum und Filtern</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>Bild kopieren</translation>
    </message>
    <message>
        <source>Copy this chart to the clipboard as an image (2×)</source>
        <translation>Dieses Diagramm als Bild in die Zwischenablage kopieren (2×)</translation>
    </message>
</context>
<context>
    <name>RagScope::PgConnectOptions</name>
    <message>
        <source>the value of &apos;%1&apos; contains &apos;;&apos;, which Qt&apos;s PostgreSQL driver cannot pass on</source>
        <translation>Der Wert von „%1“ enthält „;“, was der PostgreSQL-Treiber von Qt nicht weitergeben kann</translation>
    </message>
</context>
<context>
    <name>RagScope::PgCopyReader</name>
    <message>
        <source>export cancelled</source>
        <translation>Export abgebrochen</translation>
    </message>
    <message>
        <source>the connection to the store was lost: %1</source>
        <translation>Die Verbindung zum Speicher ist abgerissen: %1</translation>
    </message>
    <message>
        <source>reading the store failed: %1</source>
        <translation>Das Lesen des Speichers schlug fehl: %1</translation>
    </message>
</context>
<context>
    <name>RagScope::PgTableSource</name>
    <message>
        <source>more placeholders than values in a copy</source>
        <translation>Mehr Platzhalter als Werte in einer Kopie</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver gave no libpq connection</source>
        <translation>Der PostgreSQL-Treiber von Qt lieferte keine libpq-Verbindung</translation>
    </message>
    <message>
        <source>COPY sent a row of unexpected width</source>
        <translation>COPY lieferte eine Zeile unerwarteter Breite</translation>
    </message>
    <message>
        <source>%1.%2: unexpected value &quot;%3&quot;</source>
        <translation>%1.%2: unerwarteter Wert „%3“</translation>
    </message>
</context>
<context>
    <name>RagScope::PriceTable</name>
    <message>
        <source>model %1: &quot;%2&quot; must be an ISO 8601 time text</source>
        <translation>Modell %1: „%2“ muss eine Zeitangabe nach ISO 8601 sein</translation>
    </message>
    <message>
        <source>price table %1: %2</source>
        <translation>Preistabelle %1: %2</translation>
    </message>
    <message>
        <source>cannot read price table %1: %2</source>
        <translation>Die Preistabelle %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>no &quot;models&quot; array</source>
        <translation>Kein Array „models“</translation>
    </message>
    <message>
        <source>a model without &quot;prefix&quot;</source>
        <translation>Ein Modell ohne „prefix“</translation>
    </message>
    <message>
        <source>model %1: &quot;valid_to&quot; must be after &quot;valid_from&quot;</source>
        <translation>Modell %1: „valid_to“ muss nach „valid_from“ liegen</translation>
    </message>
    <message>
        <source>model %1 needs an &quot;input&quot; price: a non-negative decimal</source>
        <translation>Modell %1 braucht einen Preis „input“: eine nicht negative Dezimalzahl</translation>
    </message>
    <message>
        <source>model %1 has an invalid &quot;output&quot; price: a non-negative decimal</source>
        <translation>Modell %1 hat einen ungültigen Preis „output“: erwartet wird eine nicht negative Dezimalzahl</translation>
    </message>
</context>
<context>
    <name>RagScope::PricingModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Embedding model: only input tokens are priced</source>
        <translation>Embedding-Modell: Nur Eingabe-Tokens haben einen Preis</translation>
    </message>
    <message>
        <source>Applies to every model whose name starts with %1 (longest prefix wins)</source>
        <translation>Gilt für jedes Modell, dessen Name mit %1 beginnt (das längste Präfix gewinnt)</translation>
    </message>
    <message>
        <source>Model prefix</source>
        <translation>Modellpräfix</translation>
    </message>
    <message>
        <source>Input $/1M</source>
        <translation>Eingabe $/1 Mio.</translation>
    </message>
    <message>
        <source>Output $/1M</source>
        <translation>Ausgabe $/1 Mio.</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>ab %1</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>bis %1</translation>
    </message>
    <message>
        <source>always</source>
        <translation>immer</translation>
    </message>
    <message>
        <source>In effect (UTC)</source>
        <translation>Gültig (UTC)</translation>
    </message>
</context>
<context>
    <name>RagScope::ProfilePasswords</name>
    <message>
        <source>The desktop keyring is not available (%1): the password was not saved.</source>
        <translation>Der Schlüsselbund des Desktops ist nicht erreichbar (%1): Das Passwort wurde nicht gespeichert.</translation>
    </message>
</context>
<context>
    <name>RagScope::PushReviewsDialog</name>
    <message>
        <source>Push anyway (the snapshot was not exported from this store)</source>
        <translation>Trotzdem übertragen (der Snapshot wurde nicht aus diesem Speicher exportiert)</translation>
    </message>
    <message>
        <source>&amp;Push</source>
        <translation>&amp;Übertragen</translation>
    </message>
    <message>
        <source>Push reviews</source>
        <translation>Reviews übertragen</translation>
    </message>
    <message>
        <source>Snapshot file</source>
        <translation>Snapshot-Datei</translation>
    </message>
    <message>
        <source>What will change</source>
        <translation>Was sich ändert</translation>
    </message>
    <message>
        <source>&amp;Choose snapshot…</source>
        <translation>Snapshot &amp;wählen …</translation>
    </message>
    <message>
        <source>Push reviews from</source>
        <translation>Reviews übertragen aus</translation>
    </message>
    <message>
        <source>SQLite snapshots (*.sqlite *.sqlite3 *.db)</source>
        <translation>SQLite-Snapshots (*.sqlite *.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>Pushing…</source>
        <translation>Übertrage …</translation>
    </message>
    <message>
        <source>Reading the snapshot…</source>
        <translation>Lese den Snapshot …</translation>
    </message>
    <message>
        <source>Pushed %1 reviews.</source>
        <translation>%1 Reviews übertragen.</translation>
    </message>
    <message>
        <source>%1 reviews will be added.</source>
        <translation>%1 Reviews werden hinzugefügt.</translation>
    </message>
    <message>
        <source>%1 already in the store, %2 skipped (interaction deleted), %3 interactions also reviewed in the store since the export (both kept).</source>
        <translation>%1 bereits im Speicher, %2 übersprungen (Interaktion gelöscht), %3 Interaktionen seit dem Export auch im Speicher geprüft (beide behalten).</translation>
    </message>
    <message>
        <source>Added:</source>
        <translation>Hinzugefügt:</translation>
    </message>
    <message>
        <source>To add:</source>
        <translation>Hinzuzufügen:</translation>
    </message>
    <message>
        <source>Skipped, interaction deleted from the store:</source>
        <translation>Übersprungen, Interaktion aus dem Speicher gelöscht:</translation>
    </message>
    <message>
        <source>Done. Pushing again changes nothing.</source>
        <translation>Fertig. Erneutes Übertragen ändert nichts.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>RagScope::QualityPage</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Confidence score</source>
        <translation>Konfidenzwert</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interaktionen</translation>
    </message>
    <message>
        <source>User rating</source>
        <translation>Benutzerbewertung</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Bewertungen</translation>
    </message>
    <message>
        <source>Average confidence</source>
        <translation>Mittlere Konfidenz</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Kennzeichnung</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reviews</translation>
    </message>
    <message>
        <source>Click a bar to review these interactions</source>
        <translation>Klicken Sie auf einen Balken, um diese Interaktionen zu prüfen</translation>
    </message>
    <message>
        <source>Confidence scores</source>
        <translation>Konfidenzwerte</translation>
    </message>
    <message>
        <source>User ratings</source>
        <translation>Benutzerbewertungen</translation>
    </message>
    <message>
        <source>Average confidence per rating</source>
        <translation>Mittlere Konfidenz je Bewertung</translation>
    </message>
    <message>
        <source>Reviewers&apos; labels</source>
        <translation>Kennzeichnungen der Prüfer</translation>
    </message>
    <message>
        <source>Reviewer vs user agreement</source>
        <translation>Übereinstimmung von Prüfer und Benutzer</translation>
    </message>
    <message>
        <source>Reviewed interactions</source>
        <translation>Geprüfte Interaktionen</translation>
    </message>
    <message>
        <source>Also rated by the user</source>
        <translation>Auch vom Benutzer bewertet</translation>
    </message>
    <message>
        <source>Agreeing (ratings differ by ≤ 1)</source>
        <translation>Übereinstimmend (Bewertungen weichen um ≤ 1 ab)</translation>
    </message>
    <message>
        <source>Mean absolute difference</source>
        <translation>Mittlere absolute Abweichung</translation>
    </message>
    <message>
        <source>%1: interactions: %2 (%3)</source>
        <translation>%1: Interaktionen: %2 (%3)</translation>
    </message>
    <message>
        <source>Click to review them</source>
        <translation>Klicken, um sie zu prüfen</translation>
    </message>
    <message>
        <source>Rating %1: given %2 times (%3)
Click to review them</source>
        <translation>Bewertung %1: %2-mal abgegeben (%3)
Klicken, um sie zu prüfen</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No store open</source>
        <translation>Kein Speicher geöffnet</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>No interactions in this window</source>
        <translation>Keine Interaktionen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Mean %1 (n = %2)</source>
        <translation>Mittel %1 (n = %2)</translation>
    </message>
    <message>
        <source>User ratings — feedback rate %1</source>
        <translation>Benutzerbewertungen — Feedbackquote %1</translation>
    </message>
    <message>
        <source>No ratings in this window</source>
        <translation>Keine Bewertungen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>No rated interactions with a confidence score in this window</source>
        <translation>Keine bewerteten Interaktionen mit Konfidenzwert in diesem Zeitraum</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(keine Kennzeichnung)</translation>
    </message>
    <message>
        <source>No reviews in this window</source>
        <translation>Keine Reviews in diesem Zeitraum</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Rating %1: average confidence %2 (interactions: %3)
Click to review them</source>
        <translation>Bewertung %1: mittlere Konfidenz %2 (Interaktionen: %3)
Klicken, um sie zu prüfen</translation>
    </message>
</context>
<context>
    <name>RagScope::QueueFilterFields</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>Lowest confidence</source>
        <translation>Niedrigste Konfidenz</translation>
    </message>
    <message>
        <source>Highest confidence</source>
        <translation>Höchste Konfidenz</translation>
    </message>
    <message>
        <source>the page&apos;s window</source>
        <translation>Zeitraum der Seite</translation>
    </message>
    <message>
        <source>last </source>
        <translation>letzte </translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Rolling window</source>
        <translation>Gleitender Zeitraum</translation>
    </message>
    <message>
        <source>Kept relative: the days before each claim, not before the queue was saved</source>
        <translation>Bleibt relativ: die Tage vor jeder Übernahme, nicht vor dem Speichern der Prüfliste</translation>
    </message>
    <message>
        <source>Reviewer label</source>
        <translation>Kennzeichnung des Prüfers</translation>
    </message>
    <message>
        <source>any label</source>
        <translation>beliebige Kennzeichnung</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Kennzeichnung</translation>
    </message>
</context>
<context>
    <name>RagScope::QueueFilterJson</name>
    <message>
        <source>queue filter: %1 %2</source>
        <translation>Prüflistenfilter: %1 %2</translation>
    </message>
</context>
<context>
    <name>RagScope::QueueWorkBar</name>
    <message>
        <source>Next item</source>
        <translation>Nächster Eintrag</translation>
    </message>
    <message>
        <source>Work a queue</source>
        <translation>Prüfliste bearbeiten</translation>
    </message>
    <message>
        <source>Work a saved queue: items are handed out one by one and reserved for you</source>
        <translation>Eine gespeicherte Prüfliste bearbeiten: Die Einträge werden einzeln ausgegeben und für Sie reserviert</translation>
    </message>
    <message>
        <source>No queue (browse freely)</source>
        <translation>Keine Prüfliste (frei blättern)</translation>
    </message>
    <message>
        <source>Claim the next item of the queue</source>
        <translation>Den nächsten Eintrag der Prüfliste übernehmen</translation>
    </message>
    <message>
        <source>Claim the next item of the queue (N)</source>
        <translation>Den nächsten Eintrag der Prüfliste übernehmen (N)</translation>
    </message>
    <message>
        <source>Lease time left</source>
        <translation>Verbleibende Reservierungszeit</translation>
    </message>
    <message>
        <source>Queue progress</source>
        <translation>Fortschritt der Prüfliste</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>Prüfliste:</translation>
    </message>
    <message>
        <source>%1 (blind)</source>
        <translation>%1 (blind)</translation>
    </message>
    <message>
        <source>No queue is being worked.</source>
        <translation>Es wird keine Prüfliste bearbeitet.</translation>
    </message>
    <message>
        <source>Nothing left for you in this queue</source>
        <translation>In dieser Prüfliste ist nichts mehr für Sie übrig</translation>
    </message>
    <message>
        <source>No item claimed</source>
        <translation>Kein Eintrag übernommen</translation>
    </message>
    <message>
        <source>Lease expired: others may claim this item</source>
        <translation>Reservierung abgelaufen: Andere können diesen Eintrag übernehmen</translation>
    </message>
    <message>
        <source>Lease: %1:%2 left</source>
        <translation>Reservierung: noch %1:%2</translation>
    </message>
    <message>
        <source>Loading progress…</source>
        <translation>Lade Fortschritt …</translation>
    </message>
    <message>
        <source>%1 of %2 reviewed · today %3 · mine %4</source>
        <translation>%1 von %2 geprüft · heute %3 · meine %4</translation>
    </message>
</context>
<context>
    <name>RagScope::QueuesDialog</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Prüfer</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>Median s / item</source>
        <translation>Median s / Eintrag</translation>
    </message>
    <message>
        <source>Progress per reviewer</source>
        <translation>Fortschritt pro Prüfer</translation>
    </message>
    <message>
        <source>Shared items</source>
        <translation>Gemeinsame Einträge</translation>
    </message>
    <message>
        <source>κ (quadratic)</source>
        <translation>κ (quadratisch)</translation>
    </message>
    <message>
        <source>Agreement per reviewer pair</source>
        <translation>Übereinstimmung pro Prüferpaar</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Verdicts</source>
        <translation>Urteile</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>Endgültiges Urteil</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Abweichungen</translation>
    </message>
    <message>
        <source>Review queues</source>
        <translation>Prüflisten</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Prüfliste</translation>
    </message>
    <message>
        <source>Queue progress</source>
        <translation>Fortschritt der Prüfliste</translation>
    </message>
    <message>
        <source>Agreement across reviewers</source>
        <translation>Übereinstimmung zwischen Prüfern</translation>
    </message>
    <message>
        <source>Final rating</source>
        <translation>Endgültige Bewertung</translation>
    </message>
    <message>
        <source>Final label</source>
        <translation>Endgültige Kennzeichnung</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Kennzeichnung</translation>
    </message>
    <message>
        <source>Final comment</source>
        <translation>Endgültiger Kommentar</translation>
    </message>
    <message>
        <source>why</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Record final verdict</source>
        <translation>Endgültiges Urteil festhalten</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Übereinstimmung</translation>
    </message>
    <message>
        <source>New queue name</source>
        <translation>Name der neuen Prüfliste</translation>
    </message>
    <message>
        <source>New queue goal</source>
        <translation>Ziel der neuen Prüfliste</translation>
    </message>
    <message>
        <source>e.g. every low-rated answer of the last 7 days</source>
        <translation>z. B. jede schlecht bewertete Antwort der letzten 7 Tage</translation>
    </message>
    <message>
        <source>Reviews per item</source>
        <translation>Reviews pro Eintrag</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Stichprobe</translation>
    </message>
    <message>
        <source>Save the Review page&apos;s filters as a queue</source>
        <translation>Die Filter der Prüfseite als Prüfliste speichern</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Reproducible sample</source>
        <translation>Reproduzierbare Stichprobe</translation>
    </message>
    <message>
        <source>Queues status</source>
        <translation>Status der Prüflisten</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>No saved queues yet.</source>
        <translation>Noch keine gespeicherten Prüflisten.</translation>
    </message>
    <message>
        <source>%1 of %2 items done (%3 reviews each), %4 started</source>
        <translation>%1 von %2 Einträgen erledigt (je %3 Reviews), begonnen %4</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s α (ordinal): %1 over %2 items with two or more verdicts (%3 verdicts)</source>
        <translation>Krippendorffs α (ordinal): %1 über %2 Einträge mit zwei oder mehr Urteilen (%3 Urteile)</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>not adjudicated</source>
        <translation>nicht entschieden</translation>
    </message>
    <message>
        <source>Select a disagreement first.</source>
        <translation>Wählen Sie zuerst eine Abweichung aus.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Speichere …</translation>
    </message>
    <message>
        <source>Final verdict recorded.</source>
        <translation>Endgültiges Urteil festgehalten.</translation>
    </message>
    <message>
        <source>Queue &quot;%1&quot; saved.</source>
        <translation>Prüfliste „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Also narrow to</source>
        <translation>Zusätzlich eingrenzen auf</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Export this queue&apos;s reviewed items with their final verdicts</source>
        <translation>Die geprüften Einträge dieser Prüfliste mit ihren endgültigen Urteilen exportieren</translation>
    </message>
    <message>
        <source>Blind: others&apos; verdicts on an item show only after saving your own</source>
        <translation>Blind: die Urteile anderer zu einer Interaktion erst nach dem eigenen Speichern zeigen</translation>
    </message>
    <message>
        <source>Lease</source>
        <translation>Reservierung</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>How long &quot;Next item&quot; reserves an item for its reviewer</source>
        <translation>Wie lange „Nächster Eintrag“ einen Eintrag für seinen Prüfer reserviert</translation>
    </message>
    <message>
        <source>Reserve an item for</source>
        <translation>Eine Interaktion reservieren für</translation>
    </message>
</context>
<context>
    <name>RagScope::ReconciliationModel</name>
    <message>
        <source>(no model)</source>
        <translation>(kein Modell)</translation>
    </message>
    <message>
        <source>Stored %1 USD (%2 requests without one), recomputed %3 USD (%4 without a price)</source>
        <translation>Gespeichert %1 USD (%2 Anfragen ohne), neu berechnet %3 USD (%4 ohne Preis)</translation>
    </message>
    <message>
        <source>Day (UTC)</source>
        <translation>Tag (UTC)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Stored (USD)</source>
        <translation>Gespeichert (USD)</translation>
    </message>
    <message>
        <source>Recomputed (USD)</source>
        <translation>Neu berechnet (USD)</translation>
    </message>
    <message>
        <source>Difference (USD)</source>
        <translation>Differenz (USD)</translation>
    </message>
</context>
<context>
    <name>RagScope::ReplicaPair</name>
    <message>
        <source>the write store cannot take writes: %1</source>
        <translation>Der Schreibspeicher nimmt keine Schreibvorgänge an: %1</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewDataset</name>
    <message>
        <source>this store has no reviewers&apos; table: %1</source>
        <translation>Dieser Speicher hat keine Prüfer-Tabelle: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewExportDialog</name>
    <message>
        <source>Export reviews</source>
        <translation>Reviews exportieren</translation>
    </message>
    <message>
        <source>Reviews to export</source>
        <translation>Zu exportierende Reviews</translation>
    </message>
    <message>
        <source>All reviewed interactions</source>
        <translation>Alle geprüften Interaktionen</translation>
    </message>
    <message>
        <source>Dataset format</source>
        <translation>Format des Datensatzes</translation>
    </message>
    <message>
        <source>JSON Lines (one object per interaction)</source>
        <translation>JSON Lines (ein Objekt pro Interaktion)</translation>
    </message>
    <message>
        <source>CSV (verdicts as a JSON column)</source>
        <translation>CSV (Urteile als JSON-Spalte)</translation>
    </message>
    <message>
        <source>Dataset file</source>
        <translation>Datensatzdatei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>D&amp;urchsuchen …</translation>
    </message>
    <message>
        <source>&amp;Reviews:</source>
        <translation>&amp;Reviews:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>%1 of %2 interactions read</source>
        <translation>%1 von %2 Interaktionen gelesen</translation>
    </message>
    <message>
        <source>Queue &quot;%1&quot;</source>
        <translation>Prüfliste „%1“</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>Wählen Sie die zu schreibende Datei.</translation>
    </message>
    <message>
        <source>Reading reviews…</source>
        <translation>Lese Reviews …</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Abgebrochen: Es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Wrote %1 reviewed interactions to %2.</source>
        <translation>%1 geprüfte Interaktionen nach %2 geschrieben.</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewForm</name>
    <message>
        <source>Save review</source>
        <translation>Review speichern</translation>
    </message>
    <message>
        <source>Rating %1</source>
        <translation>Bewertung %1</translation>
    </message>
    <message>
        <source>Rate %1 (key %1)</source>
        <translation>Mit %1 bewerten (Taste %1)</translation>
    </message>
    <message>
        <source>Rate %1</source>
        <translation>Mit %1 bewerten</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Kennzeichnung</translation>
    </message>
    <message>
        <source>No label</source>
        <translation>Keine Kennzeichnung</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>What is wrong or right with this answer?</source>
        <translation>Was ist an dieser Antwort falsch oder richtig?</translation>
    </message>
    <message>
        <source>Comment length</source>
        <translation>Länge des Kommentars</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Prüfer</translation>
    </message>
    <message>
        <source>Your name, saved with every review</source>
        <translation>Ihr Name, mit jedem Review gespeichert</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>Status des Reviews</translation>
    </message>
    <message>
        <source>Save review (%1)</source>
        <translation>Review speichern (%1)</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Review saved.</source>
        <translation>Review gespeichert.</translation>
    </message>
    <message>
        <source>Select an interaction to review.</source>
        <translation>Wählen Sie eine Interaktion zum Prüfen aus.</translation>
    </message>
    <message>
        <source>Choose a rating from 1 to 5.</source>
        <translation>Wählen Sie eine Bewertung von 1 bis 5.</translation>
    </message>
    <message>
        <source>The comment has %1 characters; at most %2 are allowed.</source>
        <translation>Der Kommentar hat %1 Zeichen; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <source>Enter a reviewer name.</source>
        <translation>Geben Sie den Namen des Prüfers ein.</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Speichere …</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Label: %1</source>
        <translation>Kennzeichnung: %1</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewPage</name>
    <message>
        <source>Review queue</source>
        <translation>Prüfliste</translation>
    </message>
    <message>
        <source>Interaction</source>
        <translation>Interaktion</translation>
    </message>
    <message>
        <source>Your review</source>
        <translation>Ihr Review</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Save every interaction of this queue as CSV, with ids and full texts</source>
        <translation>Jede Interaktion dieser Liste als CSV speichern, mit IDs und vollständigen Texten</translation>
    </message>
    <message>
        <source>Select an interaction to see it in full.</source>
        <translation>Wählen Sie eine Interaktion aus, um sie vollständig zu sehen.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>The store was closed before the review was saved; save again.</source>
        <translation>Der Speicher wurde geschlossen, bevor das Review gespeichert war; speichern Sie erneut.</translation>
    </message>
    <message>
        <source>No store open</source>
        <translation>Kein Speicher geöffnet</translation>
    </message>
    <message numerus="yes">
        <source>%n interaction(s)</source>
        <translation>
            <numerusform>%n Interaktion</numerusform>
            <numerusform>%n Interaktionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n loaded, more on scroll</source>
        <translation>
            <numerusform>%n geladen, mehr beim Blättern</numerusform>
            <numerusform>%n geladen, mehr beim Blättern</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to review for these filters.</source>
        <translation>Für diese Filter gibt es nichts zu prüfen.</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>Es ist kein Speicher geöffnet.</translation>
    </message>
    <message>
        <source>Your last save on this interaction is undone.</source>
        <translation>Ihr letztes Speichern an dieser Interaktion ist rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Nothing left for you in this queue.</source>
        <translation>In dieser Prüfliste ist nichts mehr für Sie übrig.</translation>
    </message>
    <message>
        <source>Previous interaction</source>
        <translation>Vorige Interaktion</translation>
    </message>
    <message>
        <source>Next interaction</source>
        <translation>Nächste Interaktion</translation>
    </message>
    <message>
        <source>Skip to the next interaction without saving</source>
        <translation>Ohne Speichern zur nächsten Interaktion springen</translation>
    </message>
    <message>
        <source>Undo your last save on this interaction (within a minute)</source>
        <translation>Ihr letztes Speichern an dieser Interaktion rückgängig machen (innerhalb einer Minute)</translation>
    </message>
    <message>
        <source>Show these keys</source>
        <translation>Diese Tasten anzeigen</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewPusher</name>
    <message>
        <source>%1; nothing pushed (--force pushes anyway)</source>
        <translation>%1; nichts übertragen (--force überträgt trotzdem)</translation>
    </message>
    <message>
        <source>cannot push reviews: %1</source>
        <translation>Reviews können nicht übertragen werden: %1</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewQueue</name>
    <message>
        <source>the paging cursor does not fit this list</source>
        <translation>Der Blätter-Cursor passt nicht zu dieser Liste</translation>
    </message>
    <message>
        <source>confidence bucket must be 0 to 9 or 10 (no score), not %1</source>
        <translation>Der Konfidenzbereich muss 0 bis 9 oder 10 (kein Wert) sein, nicht %1</translation>
    </message>
    <message>
        <source>a slice needs both of its ends</source>
        <translation>Ein Ausschnitt braucht beide Enden</translation>
    </message>
    <message>
        <source>a page must hold at least one row</source>
        <translation>Eine Seite muss mindestens eine Zeile enthalten</translation>
    </message>
    <message>
        <source>there is no interaction with id %1</source>
        <translation>Es gibt keine Interaktion mit der ID %1</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewQueueControls</name>
    <message>
        <source>Not yet reviewed</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>Low-rated and low-confidence</source>
        <translation>Schlecht bewertet und unsicher</translation>
    </message>
    <message>
        <source>Low-rated (rating ≤ 2)</source>
        <translation>Schlecht bewertet (Bewertung ≤ 2)</translation>
    </message>
    <message>
        <source>Low-confidence (&lt; 0.6)</source>
        <translation>Unsicher (&lt; 0,6)</translation>
    </message>
    <message>
        <source>All answers</source>
        <translation>Alle Antworten</translation>
    </message>
    <message>
        <source>Search query and answer</source>
        <translation>Frage und Antwort durchsuchen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Finden</translation>
    </message>
    <message>
        <source>Drill-down</source>
        <translation>Drill-down</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>Clear drill-down</source>
        <translation>Drill-down aufheben</translation>
    </message>
    <message>
        <source>Rows loaded</source>
        <translation>Geladene Zeilen</translation>
    </message>
    <message>
        <source>user rating %1 given in the window</source>
        <translation>Benutzerbewertung %1 im Zeitraum abgegeben</translation>
    </message>
    <message>
        <source>user rating %1</source>
        <translation>Benutzerbewertung %1</translation>
    </message>
    <message>
        <source>confidence %1–%2</source>
        <translation>Konfidenz %1–%2</translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation>Nur %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>no confidence score</source>
        <translation>kein Konfidenzwert</translation>
    </message>
    <message>
        <source>reviewer label &quot;%1&quot;</source>
        <translation>Prüfer-Kennzeichnung „%1“</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewQueueCsv</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewQueueModel</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1

Answer: %2</source>
        <translation>%1

Antwort: %2</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>User rating</source>
        <translation>Benutzerbewertung</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Frage</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewQueueTable</name>
    <message>
        <source>Review queue</source>
        <translation>Prüfliste</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewService</name>
    <message>
        <source>this store has no reviewers&apos; table (ragscope_reviews): run `ragscope-cli migrate` on it first</source>
        <translation>Dieser Speicher hat keine Prüfer-Tabelle (ragscope_reviews): führen Sie zuerst `ragscope-cli migrate` darauf aus</translation>
    </message>
    <message>
        <source>an adjudication belongs to a queue</source>
        <translation>Eine Entscheidung gehört zu einer Prüfliste</translation>
    </message>
    <message>
        <source>seconds spent cannot be negative</source>
        <translation>Die aufgewendeten Sekunden können nicht negativ sein</translation>
    </message>
    <message>
        <source>cannot save the review: %1</source>
        <translation>Das Review kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>this store has no review queues (schema version %1 &lt; 6): run `ragscope-cli migrate`</source>
        <translation>Dieser Speicher hat keine Prüflisten (Schemaversion %1 &lt; 6): führen Sie `ragscope-cli migrate` aus</translation>
    </message>
    <message>
        <source>cannot undo the review: %1</source>
        <translation>Das Review kann nicht rückgängig gemacht werden: %1</translation>
    </message>
    <message>
        <source>undo needs schema version 6: run `ragscope-cli migrate`</source>
        <translation>Rückgängig braucht Schemaversion 6: führen Sie `ragscope-cli migrate` aus</translation>
    </message>
    <message>
        <source>%1 saved nothing on this item in the last %2 seconds to undo</source>
        <translation>%1 hat an diesem Eintrag in den letzten %2 Sekunden nichts gespeichert, was rückgängig zu machen wäre</translation>
    </message>
</context>
<context>
    <name>RagScope::ReviewerIdentity</name>
    <message>
        <source>current_user returned no row</source>
        <translation>current_user lieferte keine Zeile</translation>
    </message>
</context>
<context>
    <name>RagScope::RollupKeeper</name>
    <message>
        <source>Building rollups in the background; figures are read raw meanwhile</source>
        <translation>Rollups werden im Hintergrund erstellt; bis dahin werden die Zahlen roh gelesen</translation>
    </message>
    <message>
        <source>Raw queries: the rollup refresh failed (%1)</source>
        <translation>Rohe Abfragen: Die Aktualisierung der Rollups schlug fehl (%1)</translation>
    </message>
    <message>
        <source>Raw queries: no rollups in this store (an admin can run ragscope-cli rollup)</source>
        <translation>Rohe Abfragen: keine Rollups in diesem Speicher (ein Admin kann ragscope-cli rollup ausführen)</translation>
    </message>
    <message>
        <source>Rollups to %1 UTC, newer rows read raw</source>
        <translation>Rollups bis %1 UTC, neuere Zeilen roh gelesen</translation>
    </message>
</context>
<context>
    <name>RagScope::RollupLatency</name>
    <message>
        <source>a latency sketch in RagScope&apos;s rollups is damaged (run `ragscope-cli rollup --verify`)</source>
        <translation>Eine Latenzskizze in den Rollups von RagScope ist beschädigt (führen Sie `ragscope-cli rollup --verify` aus)</translation>
    </message>
</context>
<context>
    <name>RagScope::RollupRefresher</name>
    <message>
        <source>%1 has no rollup tables (run `ragscope-cli migrate`)</source>
        <translation>%1 hat keine Rollup-Tabellen (führen Sie `ragscope-cli migrate` aus)</translation>
    </message>
</context>
<context>
    <name>RagScope::RuleEditorDialog</name>
    <message>
        <source>Alert rules</source>
        <translation>Alarmregeln</translation>
    </message>
    <message>
        <source>1h, 24h, 7d</source>
        <translation>1h, 24h, 7d</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Percentile</source>
        <translation>Perzentil</translation>
    </message>
    <message>
        <source>Confidence below</source>
        <translation>Konfidenz unter</translation>
    </message>
    <message>
        <source>Ratings at most</source>
        <translation>Bewertungen höchstens</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Warn at</source>
        <translation>Warnung ab</translation>
    </message>
    <message>
        <source>Critical at</source>
        <translation>Kritisch ab</translation>
    </message>
    <message>
        <source>Min requests</source>
        <translation>Mind. Anfragen</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Gruppieren nach</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Test against the window</source>
        <translation>Am Zeitraum testen</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>× the median of the previous 7 days</source>
        <translation>× der Median der vorigen 7 Tage</translation>
    </message>
    <message>
        <source>USD, e.g. 25.00</source>
        <translation>USD, z. B. 25.00</translation>
    </message>
    <message>
        <source>share, 0.25 = 25%</source>
        <translation>Anteil, 0.25 = 25 %</translation>
    </message>
    <message>
        <source>The window must be whole hours or days from 1h to 7d, e.g. 1h, 24h, 7d.</source>
        <translation>Der Zeitraum muss aus ganzen Stunden oder Tagen von 1h bis 7d bestehen, z. B. 1h, 24h, 7d.</translation>
    </message>
    <message>
        <source>%1 must be an amount in USD such as 25.00.</source>
        <translation>%1 muss ein Betrag in USD wie 25.00 sein.</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Warn</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>%1 must be a number.</source>
        <translation>%1 muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>This rule: %1.</source>
        <translation>Diese Regel: %1.</translation>
    </message>
    <message>
        <source>Another rule is called &quot;%1&quot;.</source>
        <translation>Eine andere Regel heißt „%1“.</translation>
    </message>
    <message>
        <source>new rule %1</source>
        <translation>neue Regel %1</translation>
    </message>
    <message>
        <source>No store open.</source>
        <translation>Kein Speicher geöffnet.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste …</translation>
    </message>
    <message>
        <source>As of %1 UTC:</source>
        <translation>Stand %1 UTC:</translation>
    </message>
    <message>
        <source>Keep at least one rule.</source>
        <translation>Behalten Sie mindestens eine Regel.</translation>
    </message>
    <message>
        <source>Save alert rules</source>
        <translation>Alarmregeln speichern</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
</context>
<context>
    <name>RagScope::SavedQueueStore</name>
    <message>
        <source>this store has no review queues (schema version %1 &lt; 6): run `ragscope-cli migrate`</source>
        <translation>Dieser Speicher hat keine Prüflisten (Schemaversion %1 &lt; 6): führen Sie `ragscope-cli migrate` aus</translation>
    </message>
    <message>
        <source>cannot save the queue: %1</source>
        <translation>Die Prüfliste kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>a queue named &quot;%1&quot; exists already</source>
        <translation>Eine Prüfliste namens „%1“ gibt es schon</translation>
    </message>
    <message>
        <source>there is no review queue named &quot;%1&quot;</source>
        <translation>Es gibt keine Prüfliste namens „%1“</translation>
    </message>
    <message>
        <source>there is no review queue with id %1</source>
        <translation>Es gibt keine Prüfliste mit der ID %1</translation>
    </message>
</context>
<context>
    <name>RagScope::ScreenshotRunner</name>
    <message>
        <source>timed out after %1 s waiting for the store or a page to load</source>
        <translation>Zeitüberschreitung nach %1 s beim Warten auf den Speicher oder eine Seite</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>saved %1 screenshots in %2</source>
        <translation>%1 Bildschirmfotos in %2 gespeichert</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>RagScope::ShortcutSheet</name>
    <message>
        <source>Review keys</source>
        <translation>Prüftasten</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Bewirkt</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
</context>
<context>
    <name>RagScope::SnapshotExportDialog</name>
    <message>
        <source>The whole store (ignore window and filters)</source>
        <translation>Der ganze Speicher (Zeitraum und Filter ignorieren)</translation>
    </message>
    <message>
        <source>Export snapshot</source>
        <translation>Snapshot exportieren</translation>
    </message>
    <message>
        <source>all users</source>
        <translation>alle Benutzer</translation>
    </message>
    <message>
        <source>all models</source>
        <translation>alle Modelle</translation>
    </message>
    <message>
        <source>Snapshot file</source>
        <translation>Snapshot-Datei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>SQLite snapshots (*.sqlite)</source>
        <translation>SQLite-Snapshots (*.sqlite)</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>Wählen Sie die zu schreibende Datei.</translation>
    </message>
    <message>
        <source>The window must end after it starts.</source>
        <translation>Der Zeitraum muss nach seinem Beginn enden.</translation>
    </message>
    <message>
        <source>Counting rows…</source>
        <translation>Zähle Zeilen …</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Abgebrochen: Es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Snapshot written: %1 interactions, %2 feedbacks, %3 reviews%4.</source>
        <translation>Snapshot geschrieben: %1 Interaktionen, %2 Feedbacks, %3 Reviews%4.</translation>
    </message>
    <message>
        <source>, with rollups</source>
        <translation>, mit Rollups</translation>
    </message>
</context>
<context>
    <name>RagScope::SnapshotExporter</name>
    <message>
        <source>Qt&apos;s SQLite driver gave no sqlite3 connection</source>
        <translation>Der SQLite-Treiber von Qt lieferte keine sqlite3-Verbindung</translation>
    </message>
    <message>
        <source>export cancelled</source>
        <translation>Export abgebrochen</translation>
    </message>
    <message>
        <source>%1 is the store being exported; write the snapshot to another file</source>
        <translation>%1 ist der Speicher, der exportiert wird; schreiben Sie den Snapshot in eine andere Datei</translation>
    </message>
    <message>
        <source>%1 is a journal of the store being exported; write the snapshot to another file</source>
        <translation>%1 ist ein Journal des Speichers, der exportiert wird; schreiben Sie den Snapshot in eine andere Datei</translation>
    </message>
</context>
<context>
    <name>RagScope::SnapshotNote</name>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
</context>
<context>
    <name>RagScope::SourceIdentity</name>
    <message>
        <source>the store did not say which database it is</source>
        <translation>Der Speicher gab nicht an, welche Datenbank er ist</translation>
    </message>
</context>
<context>
    <name>RagScope::SqliteFileBuilder</name>
    <message>
        <source>could not switch the new file to rollback-journal mode</source>
        <translation>Die neue Datei konnte nicht in den Rollback-Journal-Modus geschaltet werden</translation>
    </message>
    <message>
        <source>the new file failed SQLite&apos;s check: %1</source>
        <translation>Die neue Datei bestand die Prüfung von SQLite nicht: %1</translation>
    </message>
    <message>
        <source>cannot give %1 the permissions of %2</source>
        <translation>%1 kann nicht die Berechtigungen von %2 erhalten</translation>
    </message>
    <message>
        <source>cannot write</source>
        <translation>Schreiben nicht möglich</translation>
    </message>
</context>
<context>
    <name>RagScope::StartPage</name>
    <message>
        <source>Recent stores</source>
        <translation>Zuletzt geöffnete Speicher</translation>
    </message>
    <message>
        <source>RagScope</source>
        <translation>RagScope</translation>
    </message>
    <message>
        <source>Cost, latency and answer quality of your RAG chat service.</source>
        <translation>Kosten, Latenz und Antwortqualität Ihres RAG-Chatdienstes.</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open</source>
        <translation>Zum Öffnen doppelklicken oder Eingabetaste drücken</translation>
    </message>
    <message>
        <source>Open &amp;PostgreSQL…</source>
        <translation>&amp;PostgreSQL öffnen …</translation>
    </message>
    <message>
        <source>Open &amp;snapshot…</source>
        <translation>&amp;Snapshot öffnen …</translation>
    </message>
    <message>
        <source>Open &amp;demo store</source>
        <translation>&amp;Demo-Speicher öffnen</translation>
    </message>
    <message>
        <source>A .sqlite file exported with ragscope-cli</source>
        <translation>Eine mit ragscope-cli exportierte .sqlite-Datei</translation>
    </message>
    <message>
        <source>Generated sample data, made on first use</source>
        <translation>Erzeugte Beispieldaten, beim ersten Gebrauch angelegt</translation>
    </message>
    <message>
        <source>No recent stores yet.</source>
        <translation>Noch keine zuletzt geöffneten Speicher.</translation>
    </message>
</context>
<context>
    <name>RagScope::Store</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>no SQLite store at %1</source>
        <translation>Kein SQLite-Speicher unter %1</translation>
    </message>
    <message>
        <source>%1 is a folder, not a SQLite store</source>
        <translation>%1 ist ein Ordner, kein SQLite-Speicher</translation>
    </message>
    <message>
        <source>%1 is not a SQLite database (corrupt or another kind of file)</source>
        <translation>%1 ist keine SQLite-Datenbank (beschädigt oder eine andere Art Datei)</translation>
    </message>
    <message>
        <source>%1 holds no tables: it is not a monitoring store yet (`ragscope-cli migrate` creates one)</source>
        <translation>%1 enthält keine Tabellen: Es ist noch kein Überwachungsspeicher (`ragscope-cli migrate` legt einen an)</translation>
    </message>
    <message>
        <source>%1 is not a RagScope monitoring store: it has no chat_interactions table (it holds %2 other tables, which RagScope leaves alone)</source>
        <translation>%1 ist kein Überwachungsspeicher von RagScope: Es hat keine Tabelle chat_interactions (es enthält %2 andere Tabellen, die RagScope nicht anrührt)</translation>
    </message>
    <message>
        <source>%1 has schema version %2, written by a newer RagScope; this one reads up to version %3</source>
        <translation>%1 hat die Schemaversion %2, geschrieben von einem neueren RagScope; dieses liest bis Version %3</translation>
    </message>
    <message>
        <source>%1 is not a RagScope monitoring store: table %2 is missing%3</source>
        <translation>%1 ist kein Überwachungsspeicher von RagScope: Die Tabelle %2 fehlt%3</translation>
    </message>
    <message>
        <source>this role may not run RagScope&apos;s migrations (%1)</source>
        <translation>Diese Rolle darf die Migrationen von RagScope nicht ausführen (%1)</translation>
    </message>
    <message>
        <source>this role may not read RagScope&apos;s reviewers&apos; table (ragscope_reviews)</source>
        <translation>Diese Rolle darf die Prüfer-Tabelle von RagScope (ragscope_reviews) nicht lesen</translation>
    </message>
    <message>
        <source>this store has no reviewers&apos; table (ragscope_reviews): run `ragscope-cli migrate`</source>
        <translation>Dieser Speicher hat keine Prüfer-Tabelle (ragscope_reviews): führen Sie `ragscope-cli migrate` aus</translation>
    </message>
    <message>
        <source>opened for reading only</source>
        <translation>nur zum Lesen geöffnet</translation>
    </message>
    <message>
        <source>this role may only read chat_feedbacks</source>
        <translation>diese Rolle darf chat_feedbacks nur lesen</translation>
    </message>
    <message>
        <source>the file is not writable</source>
        <translation>die Datei ist nicht beschreibbar</translation>
    </message>
</context>
<context>
    <name>RagScope::StoreLocation</name>
    <message>
        <source>bad store URL: %1</source>
        <translation>Ungültige Speicher-URL: %1</translation>
    </message>
</context>
<context>
    <name>RagScope::TeamReviewTools</name>
    <message>
        <source>Queues…</source>
        <translation>Prüflisten …</translation>
    </message>
    <message>
        <source>Labels…</source>
        <translation>Kennzeichnungen …</translation>
    </message>
    <message>
        <source>Saved queues: progress, agreement between reviewers, disagreements</source>
        <translation>Gespeicherte Prüflisten: Fortschritt, Übereinstimmung zwischen Prüfern, Abweichungen</translation>
    </message>
    <message>
        <source>Edit the labels and rating wording the whole team reviews with</source>
        <translation>Die Kennzeichnungen und Bewertungsbezeichnungen bearbeiten, mit denen das ganze Team prüft</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>schwach</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <source>excellent</source>
        <translation>ausgezeichnet</translation>
    </message>
</context>
<context>
    <name>RagScope::ThemeMenu</name>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
</context>
<context>
    <name>RagScope::TimeChart</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Anomalien</translation>
    </message>
    <message>
        <source>partial hour</source>
        <translation>angebrochene Stunde</translation>
    </message>
    <message>
        <source>partial day</source>
        <translation>angebrochener Tag</translation>
    </message>
    <message>
        <source>(partial hour: so far)</source>
        <translation>(angebrochene Stunde: bisher)</translation>
    </message>
    <message>
        <source>(partial day: so far)</source>
        <translation>(angebrochener Tag: bisher)</translation>
    </message>
</context>
<context>
    <name>RagScope::TopUsersModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Avg latency</source>
        <translation>Mittl. Latenz</translation>
    </message>
    <message>
        <source>Avg rating</source>
        <translation>Mittl. Bewertung</translation>
    </message>
    <message>
        <source>Low-rated</source>
        <translation>Schlecht bewertet</translation>
    </message>
</context>
<context>
    <name>RagScope::UserPicker</name>
    <message>
        <source>Search users</source>
        <translation>Benutzer suchen</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Alle Benutzer</translation>
    </message>
</context>
<context>
    <name>RagScope::WhatIf</name>
    <message>
        <source>model &quot;%1&quot; has no requests in the window</source>
        <translation>Das Modell „%1“ hat keine Anfragen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>the share to move must be between 0 and 100 %</source>
        <translation>Der zu verlagernde Anteil muss zwischen 0 und 100 % liegen</translation>
    </message>
    <message>
        <source>the amounts are too large to project exactly</source>
        <translation>Die Beträge sind zu groß, um sie exakt hochzurechnen</translation>
    </message>
</context>
<context>
    <name>RagScope::WhatIfPanel</name>
    <message>
        <source>USD per 1M input tokens</source>
        <translation>USD je 1 Mio. Eingabe-Tokens</translation>
    </message>
    <message>
        <source>USD per 1M output tokens (none: embedding)</source>
        <translation>USD je 1 Mio. Ausgabe-Tokens (keine: Embedding)</translation>
    </message>
    <message>
        <source>Traffic of model</source>
        <translation>Verkehr des Modells</translation>
    </message>
    <message>
        <source>Share to move</source>
        <translation>Zu verlagernder Anteil</translation>
    </message>
    <message>
        <source>Priced as</source>
        <translation>Berechnet wie</translation>
    </message>
    <message>
        <source>Typed input price</source>
        <translation>Eingegebener Eingabepreis</translation>
    </message>
    <message>
        <source>Typed output price</source>
        <translation>Eingegebener Ausgabepreis</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Monthly (× 30 days)</source>
        <translation>Monatlich (× 30 Tage)</translation>
    </message>
    <message>
        <source>Annual (× 365 days)</source>
        <translation>Jährlich (× 365 Tage)</translation>
    </message>
    <message>
        <source>Typed price</source>
        <translation>Eingegebener Preis</translation>
    </message>
    <message>
        <source>No traffic in this window.</source>
        <translation>Kein Verkehr in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>typed price</source>
        <translation>eingegebener Preis</translation>
    </message>
    <message>
        <source>Type the prices as decimals in USD per 1M tokens, e.g. 0.25.</source>
        <translation>Geben Sie die Preise als Dezimalzahlen in USD je 1 Mio. Tokens ein, z. B. 0.25.</translation>
    </message>
    <message>
        <source>%1 requests, %2 prompt and %3 completion tokens; exact amounts in the tooltips.</source>
        <translation>%1 Anfragen, %2 Prompt- und %3 Antwort-Tokens; genaue Beträge in den Tooltips.</translation>
    </message>
    <message>
        <source>%1 requests had no price before and %2 none at the target: they keep their cost.</source>
        <translation>%1 Anfragen hatten vorher keinen Preis und %2 keinen beim Ziel: Sie behalten ihre Kosten.</translation>
    </message>
</context>
<context>
    <name>ReviewSettings</name>
    <message>
        <source>hallucination</source>
        <translation>Halluzination</translation>
    </message>
    <message>
        <source>retrieval miss</source>
        <translation>Retrieval verfehlt</translation>
    </message>
    <message>
        <source>outdated source</source>
        <translation>veraltete Quelle</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <source>good answer</source>
        <translation>gute Antwort</translation>
    </message>
</context>
<context>
    <name>SnapshotInfo</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>the whole store</source>
        <translation>der ganze Speicher</translation>
    </message>
    <message>
        <source>, user %1</source>
        <translation>, Benutzer %1</translation>
    </message>
    <message>
        <source>, model %1</source>
        <translation>, Modell %1</translation>
    </message>
    <message>
        <source>Snapshot of %1: %2; %3 interactions; exported %4%5</source>
        <translation>Snapshot von %1: %2; %3 Interaktionen; exportiert %4%5</translation>
    </message>
    <message>
        <source> with rollups</source>
        <translation> mit Rollups</translation>
    </message>
    <message>
        <source>The filter reaches outside this snapshot&apos;s window (%1 to %2): figures cover only the snapshot&apos;s part of it.</source>
        <translation>Der Filter reicht über den Zeitraum dieses Snapshots (%1 bis %2) hinaus: Die Zahlen decken nur den Teil im Snapshot ab.</translation>
    </message>
    <message>
        <source>This snapshot holds only user %1.</source>
        <translation>Dieser Snapshot enthält nur Benutzer %1.</translation>
    </message>
    <message>
        <source>This snapshot holds only model %1.</source>
        <translation>Dieser Snapshot enthält nur Modell %1.</translation>
    </message>
    <message>
        <source>%1 is a snapshot of schema version %2, written by a newer RagScope (%3); this one reads up to version %4</source>
        <translation>%1 ist ein Snapshot der Schemaversion %2, geschrieben von einem neueren RagScope (%3); dieses liest bis Version %4</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Dashboard for the monitoring store of a RAG chat service.</source>
        <translation>Dashboard für den Überwachungsspeicher eines RAG-Chatdienstes.</translation>
    </message>
    <message>
        <source>Open the store at URL (postgresql://… or a .sqlite file).</source>
        <translation>Den Speicher unter URL öffnen (postgresql://… oder eine .sqlite-Datei).</translation>
    </message>
    <message>
        <source>Open the demo store (created on first use).</source>
        <translation>Den Demo-Speicher öffnen (beim ersten Gebrauch angelegt).</translation>
    </message>
    <message>
        <source>Save a PNG of each page to DIR and exit.</source>
        <translation>Von jeder Seite ein PNG in DIR speichern und beenden.</translation>
    </message>
    <message>
        <source>ragscope: --db and --demo exclude each other</source>
        <translation>ragscope: --db und --demo schließen einander aus</translation>
    </message>
    <message>
        <source>ragscope: --screenshots needs --db URL or --demo</source>
        <translation>ragscope: --screenshots braucht --db URL oder --demo</translation>
    </message>
    <message>
        <source>A SQLite store or snapshot to open (as --db sqlite:FILE).</source>
        <translation>Ein SQLite-Speicher oder -Snapshot zum Öffnen (wie --db sqlite:DATEI).</translation>
    </message>
    <message>
        <source>ragscope: give one store: a file, --db or --demo</source>
        <translation>ragscope: Geben Sie einen Speicher an: eine Datei, --db oder --demo</translation>
    </message>
    <message>
        <source>Price table (JSON, with effective dates) for the recomputed cost, reconciliation, what-if and forecast, instead of the built-in one.</source>
        <translation>Preistabelle (JSON, mit Gültigkeitsdaten) für die neu berechneten Kosten, den Abgleich, Was-wäre-wenn und die Prognose statt der eingebauten.</translation>
    </message>
    <message>
        <source>Use the theme NAME (system, light or dark) for this run only.</source>
        <translation>Nur für diesen Lauf das Farbschema NAME (system, light oder dark) verwenden.</translation>
    </message>
    <message>
        <source>ragscope: --theme is system, light or dark</source>
        <translation>ragscope: --theme ist system, light oder dark</translation>
    </message>
</context>
</TS>
