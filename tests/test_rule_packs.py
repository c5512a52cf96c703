"""The shipped rule packs: they parse and compile, and per language they catch invented appeal
and chrome lines while leaving invented story sentences alone.

Every example here is made up for this file. The story sentences are the traps a pack must not
fall into: news that reports a donation drive, a party's members or a subscription in the third
person, or quotes someone saying "support" or "help us".
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import cleannews
from cleannews.decide.evidence import Unit
from cleannews.model import Block
from cleannews.rules import FAMILIES, all_packs, detect_languages, load_rules
from cleannews.rules.engine import RuleSet

LANGUAGES = ("en", "ru", "uk", "de", "fr", "es", "it", "pt", "pl",
             "nl", "sv", "da", "no", "fi", "cs", "sk", "ro", "hu", "tr", "el")

# (family the line must be caught as, the line). An "ask" line must reach an ask's full weight
# on its own; "chrome" and "caption" lines need one rule of that family.
MATCH: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("chrome", "Follow our live coverage of the council vote"),
        ("ask", "Independent journalism like this is not possible without your support."),
        ("ask", "Don't have an account? Create one in a minute"),
        ("ask", "If you can, please support us today."),
        ("ask", "We need your help to keep our reporting free for everyone."),
        ("ask", "Already a subscriber? Log in"),
        ("ask", "Sign up for our weekly newsletter"),
        ("ask", "Remind me later"),
        ("ask", "Become a member"),
        ("ask", "Will you support our independent reporting this year?"),
        ("ask", "Our journalism is free to read, but it is not free to produce."),
        ("ask", "Remind me in June"),
        ("ask", "Thanks for signing up!"),
        ("chrome", "Read more: Council approves new bike lanes"),
        ("chrome", "Advert"),
        ("chrome", "Home News Sport Business"),
        ("chrome", "World | Politics | Business | Tech | Opinion"),
        ("chrome", "Continue reading the main story"),
        ("chrome", "Sharing is caring!"),
        ("chrome", "Share All sharing options for: The law that is changing the city"),
        ("chrome", "Settings Log out"),
        ("chrome", "Back to Gallery"),
        ("chrome", "Media playback is unsupported on your device"),
        ("chrome", "Breaking News"),
        ("chrome", "Promo Content"),
        ("caption", "This material may not be published, broadcast, rewritten or redistributed."),
        ("chrome", "Related Article Crab season ends early as catch falls for third straight year"),
        ("ask", "Continue reading on this device"),
        ("ask", "Add a family member to your plan"),
        ("chrome", "This slideshow requires JavaScript."),
        ("chrome", "Please enable JavaScript to view the comments."),
        ("chrome", "[button link=\"https://example.org/review\" type=\"big\"] Send us your review[/button]"),
        ("chrome", "Jane Roe, AP Science Writer"),
        ("chrome", "Write to Jane Roe at jane.roe@example.com"),
        ("chrome", "Image 2 of 7"),
        ("chrome", "Tags:budget council"),
        ("chrome", "Print article"),
        ("chrome", "Most read"),
        ("chrome", "By Jane Example"),
        ("caption", "Photo: John Doe/Example Agency"),
    ],
    "ru": [
        ("ask", "Поддержите независимую журналистику!"),
        ("ask", "Если у вас есть возможность, поддержите нас любой суммой."),
        ("ask", "Нам очень нужна ваша поддержка."),
        ("ask", "Ваша поддержка помогает нам оставаться независимыми."),
        ("ask", "Пожертвовать"),
        ("ask", "Напомнить позже"),
        ("ask", "Станьте другом нашего издания"),
        ("ask", "Оформите подписку и читайте без ограничений"),
        ("ask", "Уже есть подписка? Войдите"),
        ("ask", "Чтобы продолжить чтение, оформите подписку."),
        ("ask", "Подпишитесь на нашу рассылку"),
        ("ask", "Введите ваш e-mail"),
        ("ask", "Поддержать нас можно здесь."),
        ("ask", "Помочь редакции можно по ссылке."),
        ("chrome", "Читайте также: В городе открылся новый парк"),
        ("chrome", "Самое читаемое"),
        ("chrome", "Поделиться"),
        ("chrome", "Автор: Иван Петров"),
        ("chrome", "12 марта 2024, 14:30"),
        ("chrome", "Мы используем файлы cookie, чтобы сайт работал лучше."),
        ("caption", "Фото: пресс-служба мэрии"),
        ("caption", "Уличный рынок в центре города. Фото из открытых источников"),
    ],
    "uk": [
        ("ask", "Підтримайте незалежну журналістику!"),
        ("ask", "Якщо у вас є можливість, підтримайте нас будь-якою сумою."),
        ("ask", "Нам дуже потрібна ваша підтримка."),
        ("ask", "Ваша підтримка допомагає нам залишатися незалежними."),
        ("ask", "Задонатити"),
        ("ask", "Нагадати пізніше"),
        ("ask", "Станьте другом нашого видання"),
        ("ask", "Оформіть передплату та читайте без обмежень"),
        ("ask", "Вже маєте передплату? Увійдіть"),
        ("ask", "Щоб продовжити читання, оформіть передплату."),
        ("ask", "Підпишіться на нашу розсилку"),
        ("ask", "Підтримати нас можна тут."),
        ("chrome", "Читайте також: У місті відкрили новий парк"),
        ("chrome", "Найчитаніше"),
        ("chrome", "Поділитися"),
        ("chrome", "Автор: Олена Коваленко"),
        ("chrome", "12 березня 2024, 14:30"),
        ("caption", "Фото: пресслужба міської ради"),
    ],
    "de": [
        ("chrome", "Alle Entwicklungen zum Streik in unserem Liveblog"),
        ("ask", "Kein freier Journalismus ohne Ihre Unterstützung"),
        ("ask", "Noch kein Konto? Jetzt registrieren"),
        ("ask", "Unterstützen Sie unabhängigen Journalismus!"),
        ("ask", "Wenn Sie können, unterstützen Sie uns mit einem monatlichen Beitrag."),
        ("ask", "Wir brauchen Ihre Unterstützung."),
        ("ask", "Ihre Spende hilft uns, unabhängig zu bleiben."),
        ("ask", "Jetzt spenden"),
        ("ask", "Später erinnern"),
        ("ask", "Werden Sie Mitglied"),
        ("ask", "Bereits Abonnent? Hier anmelden"),
        ("ask", "Um diesen Artikel weiterzulesen, schließen Sie ein Abo ab."),
        ("ask", "Melden Sie sich für unseren kostenlosen Newsletter an"),
        ("ask", "Hier können Sie uns unterstützen."),
        ("chrome", "Lesen Sie auch: Neue Radwege in der Innenstadt"),
        ("chrome", "Meistgelesen"),
        ("chrome", "Von Anna Beispiel"),
        ("chrome", "12. März 2024, 14:30 Uhr"),
        ("chrome", "Wir verwenden Cookies, um unsere Website zu verbessern."),
        ("ask", "Gefällt Ihnen unsere Arbeit?"),
        ("caption", "Bild: Max Muster"),
    ],
    "fr": [
        ("chrome", "Suivez notre direct : le vote du budget à l’Assemblée"),
        ("ask", "Pas de journalisme indépendant sans votre soutien."),
        ("ask", "Pas encore de compte ? Inscrivez-vous"),
        ("ask", "Soutenez-nous !"),
        ("ask", "Si vous le pouvez, soutenez le journalisme indépendant."),
        ("ask", "Votre soutien nous permet de rester libres."),
        ("ask", "Nous avons besoin de votre soutien."),
        ("ask", "Faites un don"),
        ("ask", "Me le rappeler plus tard"),
        ("ask", "Devenez membre"),
        ("ask", "Déjà abonné ? Connectez-vous"),
        ("ask", "Cet article est réservé aux abonnés."),
        ("ask", "Inscrivez-vous à notre newsletter"),
        ("ask", "Saisissez votre adresse e-mail"),
        ("ask", "Pour nous soutenir, c'est ici."),
        ("chrome", "Lire aussi : Le maire annonce une nouvelle piste cyclable"),
        ("chrome", "Les plus lus"),
        ("chrome", "Par Marie Exemple"),
        ("chrome", "mardi 12 mars 2024 à 14h30"),
        ("caption", "Illustration : Studio Exemple"),
        ("ask", "Vous aimez l'information locale ?"),
        ("caption", "La place du marché un jeudi matin. © Jean Exemple"),
    ],
    "es": [
        ("chrome", "Sigue en directo la votación del presupuesto"),
        ("ask", "No hay periodismo independiente sin tu apoyo."),
        ("ask", "¿No tienes cuenta? Regístrate gratis"),
        ("ask", "Apóyanos: el periodismo independiente te necesita."),
        ("ask", "La Gaceta del Valle te necesita"),
        ("ask", "Para seguir informando necesitamos que nos acompañes."),
        ("ask", "No te pierdas nada de lo que pasa en tu ciudad."),
        ("ask", "Quiero recibirlo"),
        ("ask", "Si puedes, apóyanos con una aportación mensual."),
        ("ask", "Tu apoyo nos permite seguir informando."),
        ("ask", "Necesitamos tu apoyo para seguir."),
        ("ask", "Haz una donación"),
        ("ask", "Recuérdamelo más tarde"),
        ("ask", "Hazte socio"),
        ("ask", "¿Ya eres suscriptor? Inicia sesión"),
        ("ask", "Este artículo es exclusivo para suscriptores."),
        ("ask", "Suscríbete a nuestra newsletter"),
        ("ask", "Puedes apoyarnos aquí."),
        ("chrome", "Lee también: El ayuntamiento aprueba nuevos carriles bici"),
        ("chrome", "Lo más leído"),
        ("chrome", "Por Ana Ejemplo"),
        ("chrome", "12 de marzo de 2024, 14:30 h"),
        ("caption", "Foto: Juan Ejemplo"),
        ("chrome", "Villarejo | 12 de mayo de 2025 - 08:15 CEST"),
    ],
    "it": [
        ("chrome", "Segui la diretta del voto in Senato"),
        ("ask", "Non c'è giornalismo libero senza il tuo sostegno."),
        ("ask", "Non hai un account? Registrati ora"),
        ("ask", "Sostienici: il giornalismo libero ha bisogno di te."),
        ("ask", "Se puoi, sostieni l'informazione indipendente."),
        ("ask", "Il tuo sostegno ci permette di restare liberi."),
        ("ask", "Abbiamo bisogno del tuo aiuto."),
        ("ask", "Fai una donazione"),
        ("ask", "Ricordamelo più tardi"),
        ("ask", "Diventa anche tu sostenitore"),
        ("ask", "Già abbonato? Accedi"),
        ("ask", "Questo articolo è riservato agli abbonati."),
        ("ask", "Iscriviti alla nostra newsletter"),
        ("ask", "Puoi sostenerci qui."),
        ("chrome", "Leggi anche: Il comune approva nuove piste ciclabili"),
        ("chrome", "I più letti"),
        ("chrome", "di Mario Esempio"),
        ("chrome", "12 marzo 2024, ore 14:30"),
        ("caption", "Immagine: Studio Esempio"),
        ("caption", "La spiaggia dopo la mareggiata (foto Archivio)"),
    ],
    "pt": [
        ("chrome", "Acompanhe ao vivo a votação do orçamento"),
        ("ask", "Não há jornalismo independente sem o seu apoio."),
        ("ask", "Ainda não tem conta? Cadastre-se"),
        ("ask", "Apoie o nosso jornalismo independente."),
        ("ask", "Se puder, apoie o jornalismo profissional."),
        ("ask", "Seu apoio nos ajuda a continuar."),
        ("ask", "Precisamos do seu apoio."),
        ("ask", "Faça uma doação"),
        ("ask", "Lembrar mais tarde"),
        ("ask", "Torne-se assinante"),
        ("ask", "Já é assinante? Faça login"),
        ("ask", "Este conteúdo é exclusivo para assinantes."),
        ("ask", "Inscreva-se na nossa newsletter"),
        ("ask", "Você pode nos apoiar aqui."),
        ("chrome", "Leia também: Prefeitura anuncia novas ciclovias"),
        ("chrome", "Mais lidas"),
        ("chrome", "Por Ana Exemplo"),
        ("chrome", "12 de março de 2024, às 14h30"),
        ("caption", "Foto: Divulgação"),
        ("ask", "Clique aqui e participe do canal."),
    ],
    "pl": [
        ("ask", "Nie masz konta? Zarejestruj się"),
        ("ask", "Wesprzyj niezależne dziennikarstwo!"),
        ("ask", "Jeśli możesz, wesprzyj nas dowolną kwotą."),
        ("ask", "Twoje wsparcie pozwala nam pisać niezależnie."),
        ("ask", "Potrzebujemy Twojego wsparcia."),
        ("ask", "Wpłać"),
        ("ask", "Przypomnij mi później"),
        ("ask", "Zostań patronem"),
        ("ask", "Masz już subskrypcję? Zaloguj się"),
        ("ask", "Ten artykuł jest dostępny tylko dla subskrybentów."),
        ("ask", "Zapisz się do naszego newslettera"),
        ("ask", "Wesprzeć nas można tutaj."),
        ("chrome", "Czytaj także: Radni przyjęli budżet miasta"),
        ("chrome", "Najczęściej czytane"),
        ("chrome", "Autor: Jan Przykładowy"),
        ("chrome", "12 marca 2024, 14:30"),
        ("caption", "Fot. Jan Przykładowy"),
    ],
    "nl": [
        ("ask", "Geen onafhankelijke journalistiek zonder jouw steun."),
        ("ask", "Nog geen account? Maak er gratis een aan"),
        ("ask", "Je hebt 3 van de 5 gratis artikelen van deze maand gelezen."),
        ("ask", "Steun onafhankelijke journalistiek: word vandaag lid."),
        ("ask", "We hebben jouw steun nodig."),
        ("ask", "Je hebt 3 van de 5 gratis artikelen gelezen."),
        ("ask", "Dit artikel is alleen voor abonnees."),
        ("ask", "Meld je aan voor onze wekelijkse nieuwsbrief"),
        ("ask", "Later herinneren"),
        ("ask", "Je account wordt op een ander apparaat gebruikt."),
        ("chrome", "Lees ook: Gemeente opent nieuw fietspad langs de rivier"),
        ("chrome", "Meest gelezen in Binnenland"),
        ("chrome", "Gerelateerd artikel"),
        ("chrome", "Door Anna de Vries"),
        ("chrome", "Deze website maakt gebruik van cookies."),
        ("caption", "Foto: Jan Voorbeeld / ANP"),
    ],
    "sv": [
        ("ask", "Har du inget konto? Skapa ett här"),
        ("ask", "Stöd oberoende journalistik – bli medlem idag."),
        ("ask", "Vi behöver ditt stöd."),
        ("ask", "Du har läst 3 av 5 gratis artiklar den här månaden."),
        ("ask", "Den här artikeln är endast för prenumeranter."),
        ("ask", "Anmäl dig till vårt nyhetsbrev"),
        ("ask", "Påminn mig senare"),
        ("ask", "Ditt konto används på en annan enhet."),
        ("chrome", "Läs också: Kommunen bygger ny cykelbana"),
        ("chrome", "Mest läst i Sverige"),
        ("chrome", "Relaterad artikel"),
        ("chrome", "Av Anna Svensson"),
        ("caption", "Foto: Erik Exempel/TT"),
    ],
    "da": [
        ("ask", "Har du ikke en konto? Opret en her"),
        ("ask", "Støt uafhængig journalistik og bliv medlem i dag."),
        ("ask", "Vi har brug for din støtte."),
        ("ask", "Du har læst 3 af 5 gratis artikler denne måned."),
        ("ask", "Denne artikel er kun for abonnenter."),
        ("ask", "Tilmeld dig vores nyhedsbrev"),
        ("ask", "Påmind mig senere"),
        ("ask", "Din konto bruges på en anden enhed."),
        ("chrome", "Læs også: Kommunen bygger ny cykelsti"),
        ("chrome", "Mest læste"),
        ("chrome", "Relateret artikel"),
        ("chrome", "Af Anne Jensen"),
        ("caption", "Foto: Peter Eksempel/Ritzau Scanpix"),
    ],
    "no": [
        ("ask", "Har du ikke en konto? Opprett en her"),
        ("ask", "Støtt uavhengig journalistikk og bli abonnent i dag."),
        ("ask", "Vi trenger din støtte."),
        ("ask", "Du har lest 3 av 5 gratis artikler denne måneden."),
        ("ask", "Denne saken er kun for abonnenter."),
        ("ask", "Meld deg på nyhetsbrevet vårt"),
        ("ask", "Minn meg på senere"),
        ("ask", "Kontoen din brukes på en annen enhet."),
        ("chrome", "Les også: Kommunen bygger ny sykkelvei"),
        ("chrome", "Mest lest"),
        ("chrome", "Relatert sak"),
        ("chrome", "Av Kari Nordmann"),
        ("caption", "Foto: Ola Eksempel/NTB"),
    ],
    "fi": [
        ("ask", "Tue riippumatonta journalismia ja liity jäseneksi."),
        ("ask", "Tarvitsemme tukeasi."),
        ("ask", "Olet lukenut 3/5 maksutonta artikkelia tässä kuussa."),
        ("ask", "Tämä artikkeli on vain tilaajille."),
        ("ask", "Tilaa uutiskirjeemme"),
        ("ask", "Muistuta myöhemmin"),
        ("ask", "Tiliäsi käytetään toisella laitteella."),
        ("chrome", "Lue myös: Kaupunki rakentaa uuden pyörätien"),
        ("chrome", "Luetuimmat"),
        ("chrome", "Aiheeseen liittyvät"),
        ("chrome", "Teksti: Anna Virtanen"),
        ("caption", "Kuva: Matti Esimerkki / Lehtikuva"),
    ],
    "cs": [
        ("ask", "Podpořte nezávislou žurnalistiku a staňte se členem."),
        ("ask", "Potřebujeme vaši podporu."),
        ("ask", "Přečetli jste 3 z 5 článků zdarma."),
        ("ask", "Tento článek je dostupný pouze pro předplatitele."),
        ("ask", "Přihlaste se k odběru našeho newsletteru"),
        ("ask", "Připomenout později"),
        ("ask", "Váš účet je používán na jiném zařízení."),
        ("chrome", "Čtěte také: Město otevřelo novou cyklostezku"),
        ("chrome", "Nejčtenější"),
        ("chrome", "Související článek"),
        ("chrome", "Autor: Jan Novák"),
        ("caption", "Foto: Petr Příklad / ČTK"),
    ],
    "sk": [
        ("ask", "Podporte nezávislú žurnalistiku a staňte sa členom."),
        ("ask", "Potrebujeme vašu podporu."),
        ("ask", "Prečítali ste si 3 z 5 článkov zadarmo."),
        ("ask", "Tento článok je dostupný len pre predplatiteľov."),
        ("ask", "Prihláste sa na odber nášho newslettra"),
        ("ask", "Pripomenúť neskôr"),
        ("ask", "Váš účet sa používa na inom zariadení."),
        ("chrome", "Čítajte aj: Mesto otvorilo novú cyklotrasu"),
        ("chrome", "Najčítanejšie"),
        ("chrome", "Súvisiaci článok"),
        ("chrome", "Autor: Ján Novák"),
        ("caption", "Foto: Peter Príklad / TASR"),
    ],
    "ro": [
        ("ask", "Susține jurnalismul independent și devino membru."),
        ("ask", "Avem nevoie de sprijinul tău."),
        ("ask", "Ai citit 3 din 5 articole gratuite luna aceasta."),
        ("ask", "Acest articol este disponibil doar pentru abonați."),
        ("ask", "Abonează-te la newsletterul nostru"),
        ("ask", "Amintește-mi mai târziu"),
        ("ask", "Contul tău este folosit pe alt dispozitiv."),
        ("chrome", "Citește și: Primăria deschide o nouă pistă de biciclete"),
        ("chrome", "Cele mai citite"),
        ("chrome", "Articol similar"),
        ("chrome", "de Ion Popescu"),
        ("caption", "Foto: Andrei Exemplu / Inquam Photos"),
    ],
    "hu": [
        ("ask", "Támogasd a független újságírást, és légy a támogatónk!"),
        ("ask", "Szükségünk van a támogatásodra."),
        ("ask", "3/5 ingyenes cikket olvastál el ebben a hónapban."),
        ("ask", "Ez a cikk csak előfizetőknek érhető el."),
        ("ask", "Iratkozz fel a hírlevelünkre"),
        ("ask", "Emlékeztess később"),
        ("ask", "A fiókodat egy másik eszközön használják."),
        ("chrome", "Kapcsolódó: Új kerékpárút épül a belvárosban"),
        ("chrome", "Legolvasottabb"),
        ("chrome", "Kapcsolódó cikk"),
        ("chrome", "Szerző: Kovács Anna"),
        ("caption", "Fotó: Minta Péter / MTI"),
    ],
    "tr": [
        ("ask", "Bağımsız gazeteciliğe destek olun."),
        ("ask", "Desteğinize ihtiyacımız var."),
        ("ask", "5 ücretsiz haberden 3'ünü okudunuz."),
        ("ask", "Bu içerik yalnızca abonelere özeldir."),
        ("ask", "Bültenimize abone olun"),
        ("ask", "Daha sonra hatırlat"),
        ("ask", "Hesabınız başka bir cihazda kullanılıyor."),
        ("chrome", "İlgili haber: Belediye yeni bisiklet yolu açtı"),
        ("chrome", "En çok okunanlar"),
        ("chrome", "İlgili haberler"),
        ("chrome", "Yazar: Ayşe Yılmaz"),
        ("caption", "Fotoğraf: Mehmet Örnek / AA"),
    ],
    "el": [
        ("ask", "Στηρίξτε την ανεξάρτητη δημοσιογραφία και γίνετε μέλος."),
        ("ask", "Χρειαζόμαστε τη στήριξή σας."),
        ("ask", "Έχετε διαβάσει 3 από τα 5 δωρεάν άρθρα."),
        ("ask", "Το άρθρο είναι διαθέσιμο μόνο για συνδρομητές."),
        ("ask", "Εγγραφείτε στο newsletter μας"),
        ("ask", "Υπενθύμιση αργότερα"),
        ("ask", "Ο λογαριασμός σας χρησιμοποιείται σε άλλη συσκευή."),
        ("chrome", "Διαβάστε επίσης: Ο δήμος ανοίγει νέο ποδηλατόδρομο"),
        ("chrome", "Τα πιο δημοφιλή"),
        ("chrome", "Σχετικό άρθρο"),
        ("chrome", "Του Γιώργου Παπαδόπουλου"),
        ("caption", "Φωτογραφία: Νίκος Παράδειγμα / Eurokinissi"),
    ],
}

# Story sentences: no ask rule may match them, and no whole-line rule of any kind.
KEEP: dict[str, list[str]] = {
    "en": [
        "Viewers could follow the live coverage on the council's website until midnight.",
        "The editor said local journalism could not survive without support from the town council.",
        "He said he did not have an account at the bank when the loans were signed.",
        "The paper asked readers to donate after its printing press burned down last spring.",
        "The court heard that the app requires JavaScript to run, which the auditors had not known.",
        "Breaking news from the council meeting reached the village before the vote had ended.",
        "Business leaders met sports clubs and health officials to plan the new stadium.",
        "She said she logged out of the account before the files were copied, the court heard.",
        "He wrote [sic] twice in the letter, and the editors left both as they were.",
        "The party said it now has 500,000 members, twice as many as a year ago.",
        "She subscribed to the magazine in 1998 and has kept every issue since.",
        "The charity raised $2 million in donations during its winter campaign.",
        "Volunteers urged residents to support the food bank over the holidays.",
        "Membership of the union fell sharply after the strike, officials said.",
        "The shelter says it needs more volunteers than donations this winter.",
        "Posted on social media by the analysts, the clip shows the game stuttering.",
        "Tagged cattle were released back into the hills on Monday.",
        "Topics ranged from housing to the new bus routes.",
    ],
    "ru": [
        "Редакция газеты попросила читателей поддержать издание после блокировки сайта.",
        "В прошлом году фонд собрал пожертвования на сумму два миллиона рублей.",
        "Партия заявила, что число её членов выросло до пятидесяти тысяч.",
        "Он оформил подписку на стриминговый сервис ещё в 2020 году.",
        "Волонтёры призвали жителей помочь приюту для бездомных животных.",
        "Помочь фонду можно через его официальный сайт, сообщили организаторы.",
        "«Они пришли поддержать нас», — сказала мать одного из задержанных.",
        "Документы уже подписаны, сообщил министр на брифинге.",
        "Подробнее о ситуации рассказал глава региона на пресс-конференции.",
        "Корреспондент агентства побывал в селе после наводнения.",
        "Министр заявил, что государство продолжит поддерживать независимые СМИ.",
    ],
    "uk": [
        "Редакція газети попросила читачів підтримати видання після атаки на сайт.",
        "Волонтери зібрали на дрони понад два мільйони гривень за тиждень.",
        "Партія заявила, що кількість її членів зросла до п'ятдесяти тисяч.",
        "Він оформив передплату на журнал ще у 2020 році.",
        "Допомогти фонду можна через його офіційний сайт, повідомили організатори.",
        "«Вони прийшли підтримати нас», — сказала мати одного із затриманих.",
        "Документи вже підписані, повідомив міністр на брифінгу.",
    ],
    "de": [
        "Ohne staatliche Unterstützung sei der Lokaljournalismus kaum noch zu finanzieren, sagte die Ministerin.",
        "Der Verein hatte damals noch kein Konto bei der Sparkasse, sagte der Kassenwart.",
        "Die Zeitung bat ihre Leser nach dem Brand um Spenden.",
        "Die Partei hat inzwischen 500 Mitglieder, doppelt so viele wie im Vorjahr.",
        "Sie abonnierte die Zeitschrift 1998 und hat jede Ausgabe aufbewahrt.",
        "Wer helfen will, kann jetzt spenden.",
        "Die Polizei bittet: Helfen Sie uns, den Täter zu finden.",
        "Er ist bereits Mitglied der Partei und sitzt im Stadtrat.",
        "Wir unterstützen sie, sagte der Bürgermeister am Montag.",
        "Bürger können sich in der Apotheke kostenlos testen lassen.",
        "Der Beitrag ist für Mitglieder verpflichtend, erklärte der Verein.",
    ],
    "fr": [
        "Les habitants ont suivi le direct depuis la salle des fêtes, a raconté le maire.",
        "Le journal a appelé ses lecteurs à faire un don après l'incendie.",
        "Le parti compte désormais 50 000 adhérents.",
        "Elle s'est abonnée au magazine en 1998.",
        "L'association a recueilli 2 millions d'euros de dons.",
        "«Aidez-nous à retrouver notre fille», a lancé la mère.",
        "Il est déjà membre du conseil d'administration.",
        "«Soutenez nos agriculteurs !» scandaient les manifestants.",
        "Votre soutien est précieux, a déclaré le candidat à ses partisans.",
        "Le gouvernement veut soutenir la presse indépendante.",
    ],
    "es": [
        "El alcalde dijo que la ciudad te necesita sana, y pidió a los vecinos vacunarse antes del invierno.",
        "Los organizadores no se pierden ni una edición del festival desde hace veinte años, contó la directora.",
        "El diario pidió a sus lectores que donaran tras el incendio.",
        "El partido tiene ya 50.000 afiliados.",
        "Se suscribió a la revista en 1998.",
        "El gobierno apoya el periodismo local con nuevas ayudas.",
        "El Gobierno apoya el periodismo de calidad con ayudas públicas.",
        "El empresario dona cinco millones a la investigación.",
        "Juan ya es socio del club desde 2010.",
        "«Ayúdanos a encontrar a mi hijo», pidió la madre.",
    ],
    "it": [
        "Il comune non ha un account ufficiale sui social network, ha spiegato il sindaco.",
        "Il giornale ha chiesto ai lettori di donare dopo l'incendio.",
        "Il partito ha ormai 50.000 iscritti.",
        "Gli abbonati a Netflix sono cresciuti del 10 per cento.",
        "Rossi diventa socio della società di calcio.",
        "La fondazione ha raccolto due milioni di euro in donazioni.",
        "«Aiutaci a trovare nostro figlio», ha detto la madre.",
        "Bianchi è già socio del circolo.",
    ],
    "pt": [
        "O jornal pediu aos leitores que doassem após o incêndio.",
        "O partido tem hoje 50 mil filiados.",
        "Ela assinou a revista em 1998.",
        "O governo pediu que o Congresso apoie o projeto de lei.",
        "Espera-se que o presidente assine o decreto ainda hoje.",
        "O senador deu seu apoio ao projeto.",
        "O governo apoia o jornalismo local com editais.",
        "O país quer que o Brasil seja membro permanente do conselho.",
        "Ele já é assinante do jornal há anos.",
    ],
    "pl": [
        "Redakcja poprosiła czytelników o wsparcie po pożarze drukarni.",
        "Partia ma już 50 tys. członków.",
        "Wykupił prenumeratę tygodnika w 1998 roku.",
        "Zbiórkę można wesprzeć na stronie fundacji.",
        "Fundacja zebrała dwa miliony złotych darowizn.",
        "Został członkiem zarządu spółki.",
        "«Pomóżcie nam!» — krzyczeli ludzie z dachu.",
        "Zostań w domu — apelował premier.",
        "Rząd zapowiedział, że będzie wspierać niezależne media.",
    ],
    "nl": [
        "De krant vroeg haar lezers om donaties nadat de drukkerij was afgebrand.",
        "De partij telt nu 40.000 leden, twee keer zoveel als vorig jaar.",
        "Zij nam in 1998 een abonnement op het tijdschrift en bewaarde elk nummer.",
        "Het kabinet wil lokale media steunen met nieuwe subsidies.",
        "De stichting haalde twee miljoen euro aan giften op tijdens de actie.",
        "Hij werd vorig jaar lid van de gemeenteraad.",
        "De prijs van een brood steeg naar 3 euro, meldde het statistiekbureau.",
    ],
    "sv": [
        "Tidningen bad sina läsare om bidrag efter branden i tryckeriet.",
        "Partiet har nu 20 000 medlemmar, dubbelt så många som förra året.",
        "Hon började prenumerera på tidningen 1998 och har sparat varje nummer.",
        "Regeringen vill stödja lokala medier med nya bidrag.",
        "Insamlingen gav två miljoner kronor i gåvor under julen.",
        "Han blev medlem i kommunfullmäktige förra året.",
        "Priset på mjölk steg till 15 kronor litern, enligt statistiken.",
    ],
    "da": [
        "Avisen bad sine læsere om bidrag efter branden i trykkeriet.",
        "Partiet har nu 20.000 medlemmer, dobbelt så mange som sidste år.",
        "Hun begyndte at abonnere på bladet i 1998 og har gemt hvert nummer.",
        "Regeringen vil støtte de lokale medier med nye midler.",
        "Indsamlingen gav to millioner kroner i gaver i julen.",
        "Han blev medlem af byrådet sidste år.",
    ],
    "no": [
        "Avisen ba leserne om bidrag etter brannen i trykkeriet.",
        "Partiet har nå 20 000 medlemmer, dobbelt så mange som i fjor.",
        "Hun begynte å abonnere på bladet i 1998 og har tatt vare på hvert nummer.",
        "Regjeringen vil støtte lokale medier med nye midler.",
        "Innsamlingen ga to millioner kroner i gaver i julen.",
        "Han ble medlem av bystyret i fjor.",
    ],
    "fi": [
        "Lehti pyysi lukijoiltaan lahjoituksia kirjapainon tulipalon jälkeen.",
        "Puolueella on nyt 20 000 jäsentä, kaksi kertaa enemmän kuin vuosi sitten.",
        "Hän tilasi lehden vuonna 1998 ja on säilyttänyt jokaisen numeron.",
        "Hallitus haluaa tukea paikallista mediaa uusilla avustuksilla.",
        "Keräys tuotti kaksi miljoonaa euroa lahjoituksina joulun aikana.",
        "Tilaa on vielä kymmenelle osallistujalle, järjestäjät kertoivat.",
    ],
    "cs": [
        "Deník požádal čtenáře o příspěvky po požáru tiskárny.",
        "Strana má nyní 20 000 členů, dvakrát více než loni.",
        "Časopis si předplatila v roce 1998 a schovala si každé číslo.",
        "Vláda chce podpořit nezávislá média novými granty.",
        "Sbírka vynesla dva miliony korun v darech.",
        "Loni se stal členem zastupitelstva.",
    ],
    "sk": [
        "Denník požiadal čitateľov o príspevky po požiari tlačiarne.",
        "Strana má teraz 20 000 členov, dvakrát viac ako vlani.",
        "Časopis si predplatila v roku 1998 a odložila si každé číslo.",
        "Vláda chce podporiť nezávislé médiá novými grantmi.",
        "Zbierka vyniesla dva milióny eur v daroch.",
        "Vlani sa stal členom zastupiteľstva.",
    ],
    "ro": [
        "Ziarul le-a cerut cititorilor donații după incendiul de la tipografie.",
        "Partidul are acum 20.000 de membri, de două ori mai mulți decât anul trecut.",
        "S-a abonat la revistă în 1998 și a păstrat fiecare număr.",
        "Guvernul vrea să sprijine presa locală cu noi fonduri.",
        "Campania a strâns două milioane de lei din donații.",
        "Anul trecut a devenit membru al consiliului local.",
    ],
    "hu": [
        "A lap adományt kért olvasóitól a nyomda leégése után.",
        "A pártnak most 20 ezer tagja van, kétszer annyi, mint tavaly.",
        "1998-ban fizetett elő a magazinra, és minden számát megőrizte.",
        "A kormány támogatja a helyi médiát új pályázatokkal.",
        "A gyűjtés kétmillió forint adományt hozott karácsonykor.",
        "Tavaly lett a képviselő-testület tagja.",
    ],
    "tr": [
        "Gazete, matbaadaki yangının ardından okurlarından bağış istedi.",
        "Partinin şu anda 20 bin üyesi var, geçen yılın iki katı.",
        "Dergiye 1998'de abone oldu ve her sayısını sakladı.",
        "Hükümet yerel medyaya destek paketi açıkladı.",
        "Kampanya yılbaşında iki milyon lira bağış topladı.",
        "Deniz kıyısında yaşayanlar belediyeden destek istedi.",
    ],
    "el": [
        "Η εφημερίδα ζήτησε από τους αναγνώστες δωρεές μετά τη φωτιά στο τυπογραφείο.",
        "Το κόμμα έχει πλέον 20.000 μέλη, διπλάσια από πέρυσι.",
        "Έγινε συνδρομήτρια του περιοδικού το 1998 και κράτησε κάθε τεύχος.",
        "Η κυβέρνηση θέλει να στηρίξει τα τοπικά μέσα με νέα κονδύλια.",
        "Ο έρανος συγκέντρωσε δύο εκατομμύρια ευρώ σε δωρεές.",
        "Πέρυσι έγινε μέλος του δημοτικού συμβουλίου.",
    ],
}

# Asks that no phrase rule needs to know: the parts of an ask (reader, outlet, offer, imperative)
# add up to one in a sentence (decide/evidence.py: composed).
COMPOSED: dict[str, list[str]] = {
    "en": [
        "Join our members today and keep local reporting alive.",
        "Your contribution keeps our newsroom independent.",
    ],
    "ru": [
        "Ваш донат помогает нашей редакции.",
        "Присоединяйтесь к нашим подписчикам.",
    ],
    "uk": [
        "Ваш донат допомагає нашій редакції.",
        "Приєднуйтесь до наших передплатників.",
    ],
    "de": [
        "Mit einer Spende sichern Sie unsere Unabhängigkeit.",
        "Werden Sie Teil unserer Gemeinschaft von Mitgliedern.",
    ],
    "fr": [
        "Rejoignez nos abonnés et accédez à tout le site.",
        "Votre don garantit notre indépendance.",
    ],
    "es": [
        "Sumá tu aporte y sostené nuestro trabajo.",
        "Tu aporte sostiene nuestra redacción.",
    ],
    "it": [
        "Il tuo contributo rende libera la nostra redazione.",
        "Unisciti ai nostri abbonati.",
    ],
    "pt": [
        "Sua contribuição mantém nossa redação independente.",
        "Junte-se aos nossos assinantes.",
    ],
    "pl": [
        "Twoja wpłata utrzymuje naszą redakcję.",
        "Dołącz do naszych subskrybentów.",
    ],
    "nl": [
        "Jouw bijdrage houdt onze redactie onafhankelijk.",
        "Sluit je aan bij onze leden.",
    ],
    "sv": [
        "Ditt bidrag håller vår redaktion oberoende.",
        "Gå med bland våra medlemmar.",
    ],
    "da": [
        "Dit bidrag holder vores redaktion uafhængig.",
        "Bliv en del af vores medlemmer.",
    ],
    "no": [
        "Ditt bidrag holder redaksjonen vår uavhengig.",
        "Bli en av våre medlemmer.",
    ],
    "fi": [
        "Lahjoituksesi pitää toimituksemme riippumattomana.",
        "Liity tukijoidemme joukkoon.",
    ],
    "cs": [
        "Váš dar udržuje naši redakci nezávislou.",
        "Přidejte se k našim členům.",
    ],
    "sk": [
        "Váš dar udržiava našu redakciu nezávislú.",
        "Pridajte sa k našim členom.",
    ],
    "ro": [
        "Donația ta ține redacția noastră independentă.",
        "Alătură-te membrilor noștri.",
    ],
    "hu": [
        "Az adományod függetlenné teszi a szerkesztőségünket.",
        "Csatlakozz a támogatóinkhoz.",
    ],
    "tr": [
        "Bağışınız yayınımızı bağımsız tutuyor.",
        "Okur topluluğumuza üye olun.",
    ],
    "el": [
        "Η δωρεά σας κρατά τη σύνταξη μας ανεξάρτητη.",
        "Γίνετε ένας από τους συνδρομητές μας.",
    ],
}

# Sentences a sentence-scope ask rule must catch: they are cut out of a story paragraph.
CUT: dict[str, list[str]] = {
    "en": ["If you value our reporting, please support us today."],
    "ru": ["Поддержать нас можно здесь.", "Помочь «Вечерней газете» можно по ссылке."],
    "uk": [
        "Підтримати нас можна тут.",
        "Допомогти редакції можна за посиланням.",
        "Ми стежимо за тим, як міська рада витрачає ваші гроші.",
    ],
    "de": ["Hier können Sie uns unterstützen.", "Unterstützen Sie unabhängigen Journalismus."],
    "fr": ["Pour nous soutenir, c'est ici.", "Soutenez le journalisme indépendant."],
    "es": ["Puedes apoyarnos aquí.", "Hazte socio de nuestro periódico."],
    "it": ["Puoi sostenerci qui.", "Sostieni l'informazione indipendente."],
    "pt": ["Você pode nos apoiar aqui.", "Apoie o nosso jornalismo."],
    "pl": ["Wesprzeć nas można tutaj.", "Wesprzyj niezależne dziennikarstwo."],
    "nl": ["Steun ons met een bijdrage.", "Word vandaag nog lid van onze vereniging."],
    "sv": ["Stöd oss med ett bidrag.", "Bli medlem i dag."],
    "da": ["Støt os med et bidrag.", "Bliv medlem i dag."],
    "no": ["Støtt oss med et bidrag.", "Bli medlem i dag."],
    "fi": ["Tue työtämme lahjoituksella.", "Liity jäseneksi jo tänään."],
    "cs": ["Podpořte nás libovolnou částkou.", "Staňte se členem ještě dnes."],
    "sk": ["Podporte nás ľubovoľnou sumou.", "Staňte sa členom ešte dnes."],
    "ro": ["Susține-ne cu o donație.", "Devino membru astăzi."],
    "hu": ["Támogass minket egy adománnyal.", "Légy a támogatónk még ma."],
    "tr": ["Bize destek olun.", "Bugün üyemiz olun."],
    "el": ["Στηρίξτε μας με μια δωρεά.", "Γίνετε μέλος σήμερα."],
}


def _rules(lang: str) -> RuleSet:
    return load_rules((), ("common", "en", lang))


# --- every shipped pack -----------------------------------------------------------------------


def test_every_pack_compiles_with_unique_ids_and_reasons() -> None:
    packs = all_packs()
    names = [p.name for p in packs]
    assert set(LANGUAGES) - {"en"} <= set(names), "a language pack is missing"
    seen: set[str] = set()
    for pack in packs:
        RuleSet(pack.rules).hits("")  # raises RuleError naming the rule when a pattern does not compile
        for rule in (*pack.rules, *getattr(pack, "selectors", ())):
            assert rule.id.startswith(pack.name + "."), rule.id
            assert rule.id not in seen, f"{rule.id} appears twice"
            seen.add(rule.id)
            assert rule.why.strip(), f"{rule.id} has no 'why'"
            assert rule.kind in FAMILIES


def test_all_shipped_packs_compile_together() -> None:
    assert load_rules((), None).hits("Support us!")


# --- per language -----------------------------------------------------------------------------


def _cases(table: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str, str]]:
    return [(lang, family, text) for lang, rows in table.items() for family, text in rows]


@pytest.mark.parametrize(("lang", "family", "text"), _cases(MATCH))
def test_appeal_and_chrome_lines_are_caught(lang: str, family: str, text: str) -> None:
    hits = _rules(lang).hits(text)
    assert any(r.family == family for r in hits), f"no {family} rule: {[r.id for r in hits]}"
    if family == "ask":
        weight = sum(r.weight for r in hits if r.family == "ask")
        assert weight >= 1.0, f"ask evidence only {weight}: {[r.id for r in hits]}"


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, rows in KEEP.items() for t in rows])
def test_story_sentences_are_left_alone(lang: str, text: str) -> None:
    hits = _rules(lang).hits(text)
    assert not [r.id for r in hits if r.family == "ask"]
    assert not [r.id for r in hits if r.match == "line"]
    # nor do its words make an ask of parts: a story speaks of donations and members in the
    # third person
    assert Unit(Block(text), _rules(lang)).ask_rules() == ()


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, rows in COMPOSED.items() for t in rows])
def test_parts_compose_an_ask(lang: str, text: str) -> None:
    unit = Unit(Block(text), _rules(lang))
    made = [r.id for r in unit.ask_rules() if "+" in r.id]
    assert made, f"no ask made of parts: {[r.id for r in unit.ask_rules()]}"
    assert all(part.startswith(f"{lang}.part.") for part in made[0].split("+"))
    assert unit.ask >= 1.0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pack_has_the_four_parts(lang: str) -> None:
    kinds = {r.kind for r in _rules(lang).rules if r.id.startswith(f"{lang}.part.")}
    assert kinds == {"reader", "outlet", "offer", "imperative"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_part_or_an_offer_alone_is_no_ask(lang: str) -> None:
    """A part of an ask is never evidence alone, and no part without an offer makes one."""
    for rule in _rules(lang).rules:
        if rule.family == "part":
            assert rule.scope == "sentence" and rule.weight < 1.0, rule.id
    parts = [r for r in _rules(lang).rules if r.id.startswith(f"{lang}.part.")]
    assert sum(r.weight for r in parts if r.kind != "offer") > 0
    assert max(r.weight for r in parts) + min(r.weight for r in parts) < 1.0


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, rows in CUT.items() for t in rows])
def test_one_sentence_calls_to_action_can_be_cut(lang: str, text: str) -> None:
    assert any(r.family == "ask" for r in _rules(lang).sentence_hits(text))


def test_every_language_has_examples() -> None:
    for table in (MATCH, KEEP, CUT, COMPOSED):
        assert set(table) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert len([f for f, _ in MATCH[lang] if f == "ask"]) >= 6
        assert len(KEEP[lang]) >= 6


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_story_sentences_select_their_pack(lang: str) -> None:
    assert lang in detect_languages(KEEP[lang])


# --- whole articles in the new languages: story kept, every appeal line dropped ----------------

# (headline, story paragraphs, appeal lines) per language, all invented. The story mentions
# money, members and subscriptions in the third person; below it come a pitch, a metering
# line, a newsletter box and a label.
ARTICLES: dict[str, tuple[str, list[str], list[str]]] = {
    "nl": ("Gemeente investeert in nieuwe fietspaden", [
        "De gemeenteraad heeft dinsdag ingestemd met een plan om twaalf kilometer nieuwe fietspaden aan te "
        "leggen. Het project kost ruim vier miljoen euro.",
        "Volgens de wethouder is de vraag naar veilige routes sterk gegroeid. "
        "De fietsersbond, die inmiddels 40.000 leden telt, noemt het plan een goede eerste stap.",
        "De werkzaamheden beginnen in het voorjaar en moeten voor de zomer van volgend jaar klaar zijn.",
    ], ["Vond je dit artikel waardevol? Steun onze journalistiek en word vandaag lid.",
        "Je hebt 3 van de 5 gratis artikelen gelezen.", "Meld je aan voor onze nieuwsbrief", "Meest gelezen"]),
    "sv": ("Kommunen satsar på nya cykelbanor", [
        "Kommunfullmäktige beslutade på tisdagen att bygga tolv kilometer nya cykelbanor. "
        "Projektet kostar drygt fyrtio miljoner kronor.",
        "Enligt kommunalrådet har efterfrågan på säkra vägar ökat kraftigt. "
        "Cykelförbundet, som nu har 20 000 medlemmar, kallar beslutet ett bra första steg.",
        "Arbetet börjar i vår och ska vara klart till sommaren nästa år.",
    ], ["Gillade du den här artikeln? Stöd oss och bli medlem idag.",
        "Du har läst 3 av 5 gratis artiklar den här månaden.", "Anmäl dig till vårt nyhetsbrev", "Mest läst"]),
    "da": ("Kommunen investerer i nye cykelstier", [
        "Byrådet besluttede tirsdag at anlægge tolv kilometer nye cykelstier. "
        "Projektet koster over fyrre millioner kroner.",
        "Ifølge rådmanden er efterspørgslen efter sikre ruter steget kraftigt. "
        "Cyklistforbundet, som nu har 20.000 medlemmer, kalder beslutningen et godt første skridt.",
        "Arbejdet begynder til foråret og skal være færdigt til sommeren næste år.",
    ], ["Kunne du lide denne artikel? Støt os og bliv medlem i dag.",
        "Du har læst 3 af 5 gratis artikler denne måned.", "Tilmeld dig vores nyhedsbrev", "Mest læste"]),
    "no": ("Kommunen satser på nye sykkelveier", [
        "Bystyret vedtok tirsdag å bygge tolv kilometer nye sykkelveier. "
        "Prosjektet koster over førti millioner kroner.",
        "Ifølge byrådet har etterspørselen etter trygge ruter økt kraftig. "
        "Syklistforeningen, som nå har 20 000 medlemmer, kaller vedtaket et godt første steg.",
        "Arbeidet starter til våren og skal være ferdig til sommeren neste år.",
    ], ["Likte du denne saken? Støtt oss og bli abonnent i dag.",
        "Du har lest 3 av 5 gratis artikler denne måneden.", "Meld deg på nyhetsbrevet vårt", "Mest lest"]),
    "fi": ("Kaupunki rakentaa uusia pyöräteitä", [
        "Kaupunginvaltuusto päätti tiistaina rakentaa kaksitoista kilometriä uusia pyöräteitä. "
        "Hanke maksaa yli neljä miljoonaa euroa.",
        "Apulaispormestarin mukaan turvallisten reittien kysyntä on kasvanut voimakkaasti. "
        "Pyöräilijäliitto, jolla on nyt 20 000 jäsentä, kutsuu päätöstä hyväksi alkuaskeleeksi.",
        "Työt alkavat keväällä, ja niiden on määrä valmistua ensi kesään mennessä.",
    ], ["Piditkö tästä jutusta? Tue työtämme ja liity jäseneksi.",
        "Olet lukenut 3/5 maksutonta artikkelia tässä kuussa.", "Tilaa uutiskirjeemme", "Luetuimmat"]),
    "cs": ("Město investuje do nových cyklostezek", [
        "Zastupitelstvo v úterý schválilo plán na vybudování dvanácti kilometrů nových cyklostezek. "
        "Projekt bude stát přes sto milionů korun.",
        "Podle náměstka poptávka po bezpečných trasách výrazně vzrostla. "
        "Cyklistický spolek, který má nyní 20 000 členů, označil rozhodnutí za dobrý první krok.",
        "Práce začnou na jaře a mají být hotové do léta příštího roku.",
    ], ["Líbí se vám naše práce? Podpořte nás a staňte se členem.",
        "Přečetli jste 3 z 5 článků zdarma.", "Přihlaste se k odběru našeho newsletteru", "Nejčtenější"]),
    "sk": ("Mesto investuje do nových cyklotrás", [
        "Zastupiteľstvo v utorok schválilo plán na vybudovanie dvanástich kilometrov nových cyklotrás. "
        "Projekt bude stáť viac ako štyri milióny eur.",
        "Podľa viceprimátora dopyt po bezpečných trasách výrazne vzrástol. "
        "Cyklistický spolok, ktorý má teraz 20 000 členov, označil rozhodnutie za dobrý prvý krok.",
        "Práce sa začnú na jar a majú byť hotové do leta budúceho roka.",
    ], ["Páči sa vám naša práca? Podporte nás a staňte sa členom.",
        "Prečítali ste si 3 z 5 článkov zadarmo.", "Prihláste sa na odber nášho newslettra", "Najčítanejšie"]),
    "ro": ("Primăria investește în piste noi de biciclete", [
        "Consiliul local a aprobat marți un plan pentru construirea a doisprezece kilometri de piste noi de "
        "biciclete. Proiectul costă peste douăzeci de milioane de lei.",
        "Potrivit viceprimarului, cererea pentru trasee sigure a crescut puternic. "
        "Asociația bicicliștilor, care are acum 20.000 de membri, a numit decizia un prim pas bun.",
        "Lucrările încep în primăvară și ar trebui să fie gata până în vara anului viitor.",
    ], ["Ți-a plăcut acest articol? Susține-ne și devino membru.",
        "Ai citit 3 din 5 articole gratuite luna aceasta.", "Abonează-te la newsletterul nostru", "Cele mai citite"]),
    "hu": ("Új kerékpárutakat épít a város", [
        "A közgyűlés kedden jóváhagyta, hogy tizenkét kilométer új kerékpárút épüljön. "
        "A beruházás több mint másfél milliárd forintba kerül.",
        "Az alpolgármester szerint a biztonságos útvonalak iránti igény erősen nőtt. "
        "A kerékpáros egyesület, amelynek most 20 ezer tagja van, jó első lépésnek nevezte a döntést.",
        "A munkák tavasszal kezdődnek, és jövő nyárra kell elkészülniük.",
    ], ["Tetszett a cikk? Támogass minket, és légy a támogatónk!",
        "3/5 ingyenes cikket olvastál el ebben a hónapban.", "Iratkozz fel a hírlevelünkre", "Legolvasottabb"]),
    "tr": ("Belediye yeni bisiklet yollarına yatırım yapıyor", [
        "Belediye meclisi salı günü on iki kilometrelik yeni bisiklet yolu yapılmasını onayladı. "
        "Projenin maliyeti yüz milyon lirayı aşıyor.",
        "Başkan yardımcısına göre güvenli güzergâhlara olan talep büyük ölçüde arttı. "
        "Şu anda 20 bin üyesi olan bisikletliler derneği kararı iyi bir ilk adım olarak nitelendirdi.",
        "Çalışmalar ilkbaharda başlayacak ve belediyenin açıklamasına göre gelecek yazın sonuna kadar tamamlanacak.",
    ], ["Bu haberi beğendiyseniz bağımsız gazeteciliğe destek olun.",
        "5 ücretsiz haberden 3'ünü okudunuz.", "Bültenimize abone olun", "En çok okunanlar"]),
    "el": ("Ο δήμος επενδύει σε νέους ποδηλατόδρομους", [
        "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη την κατασκευή δώδεκα χιλιομέτρων νέων ποδηλατοδρόμων. "
        "Το έργο κοστίζει περισσότερα από τέσσερα εκατομμύρια ευρώ.",
        "Σύμφωνα με τον αντιδήμαρχο, η ζήτηση για ασφαλείς διαδρομές έχει αυξηθεί πολύ. "
        "Ο σύλλογος ποδηλατών, που έχει πλέον 20.000 μέλη, χαρακτήρισε την απόφαση ένα καλό πρώτο βήμα.",
        "Οι εργασίες ξεκινούν την άνοιξη και πρέπει να ολοκληρωθούν μέχρι το επόμενο καλοκαίρι.",
    ], ["Σας άρεσε το άρθρο; Στηρίξτε μας και γίνετε μέλος.",
        "Έχετε διαβάσει 3 από τα 5 δωρεάν άρθρα.", "Εγγραφείτε στο newsletter μας", "Τα πιο δημοφιλή"]),
}


@pytest.mark.parametrize("lang", list(ARTICLES))
def test_an_article_in_each_new_language_loses_its_appeals_only(lang: str) -> None:
    headline, story, appeal = ARTICLES[lang]
    text = "\n\n".join([headline, *story, *appeal]) + "\n"
    result = cleannews.clean(text)
    assert result.text == "\n\n".join([headline, *story]) + "\n"


# --- packs/frozen.marshal: the shipped TOML parsed ahead of time -------------------------------

def test_what_was_derived_ahead_of_time_is_what_the_code_derives() -> None:
    """frozen.marshal holds what loading each shipped file derives (its rules, their RE2
    patterns, the languages' index): fails after a pack, engine.py or rules/__init__.py
    changes, until `python -m cleannews.rules` is run again."""
    import tomllib

    from cleannews.rules import derived, engine, frozen

    names = sorted(n for n in os.listdir(frozen.PACKS) if n.endswith(".toml"))
    assert names
    for name in names:
        path = os.path.join(frozen.PACKS, name)
        # RE2 patterns and literals made afresh, not looked up
        known, engine._known = engine._known, {}
        literals, engine._known_literals = engine._known_literals, {}
        try:
            made = derived(name, tomllib.loads(frozen.text(path)))
        finally:
            engine._known, engine._known_literals = known, literals
        assert frozen.derived(path) == made, f"{name}: frozen.marshal is stale; run: python -m cleannews.rules"


def test_a_pack_edited_since_freezing_is_read_from_its_toml(tmp_path: Path) -> None:
    from cleannews.rules import frozen

    for name in ("en.toml", "common.toml", frozen.NAME):
        shutil.copy(os.path.join(frozen.PACKS, name), tmp_path / name)
    with open(tmp_path / "en.toml", "a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    assert frozen.derived(str(tmp_path / "common.toml")) is not None
    assert frozen.derived(str(tmp_path / "en.toml")) is None


def test_without_a_frozen_file_the_toml_is_read(tmp_path: Path) -> None:
    from cleannews.rules import frozen

    shutil.copy(os.path.join(frozen.PACKS, "en.toml"), tmp_path / "en.toml")
    (tmp_path / "other").mkdir()
    shutil.copy(os.path.join(frozen.PACKS, "en.toml"), tmp_path / "other" / "en.toml")
    (tmp_path / "other" / frozen.NAME).write_bytes(b"not marshal data")
    assert frozen.derived(str(tmp_path / "en.toml")) is None
    assert frozen.derived(str(tmp_path / "other" / "en.toml")) is None


# --- a document's rules narrowed to those its literals allow (literals.py) ---------------------

def _pieces(text: str) -> list[str]:
    """A block and what evidence.py matches of it: its sentences, each also with its
    quotations blanked to a space."""
    from cleannews.decide.evidence import _QUOTED_SPAN, _double_quoted, _unsaid, sentences

    parts = [text, *sentences(text), *sentences(_double_quoted(text))]
    return parts + [_QUOTED_SPAN.sub(_unsaid, part) for part in parts]


def _fixture_blocks() -> dict[str, list[str]]:
    """The block texts of each text fixture."""
    from cleannews.read.text import text_blocks

    from .conftest import FIXTURES

    paths = [*sorted(FIXTURES.glob("text/*/input.txt")), FIXTURES / "moscow-times-li-shangfu.txt"]
    return {str(p.relative_to(FIXTURES)): [b.text for b in text_blocks(p.read_text(encoding="utf-8"))] for p in paths}


def test_a_rule_matches_only_texts_that_hold_its_literals() -> None:
    """Every line of these tests and every block of the text fixtures, and each piece of them
    evidence.py matches: a rule that matches one holds one literal of each of its sets."""
    from cleannews.rules import engine

    lines = [text for lines in MATCH.values() for _, text in lines]
    lines += [text for table in (KEEP, COMPOSED, CUT) for texts in table.values() for text in texts]
    lines += [text for texts in _fixture_blocks().values() for text in texts]
    rules = load_rules((), None)
    checked = 0
    for line in lines:
        for piece in _pieces(line):
            for rule in rules.hits(piece):
                assert engine._may_match(rule, piece.lower()), (rule.id, piece)
                checked += 1
    assert checked > 1000


def test_a_text_in_capitals_matches_as_in_lower_case() -> None:
    """Texts are lower-cased as CPython does it, in the compiled build too (mypyc's own
    lower-casing made a final capital sigma σ, not ς): a Greek appeal in capitals is found, by
    the whole set and by a first document's narrowed one."""
    whole = _rules("el")
    expected = {r.id for r in whole.hits("στηριξτε μας")}
    assert "el.appeal.support-us" in expected
    assert {r.id for r in whole.hits("ΣΤΗΡΙΞΤΕ ΜΑΣ")} == expected
    narrowed = RuleSet(whole.rules, sources=whole.sources).narrowed(["ΣΤΗΡΙΞΤΕ ΜΑΣ"])
    assert {r.id for r in narrowed.hits("ΣΤΗΡΙΞΤΕ ΜΑΣ")} == expected


def test_a_narrowed_set_finds_what_the_whole_set_finds() -> None:
    """A set narrowed to a text fixture's blocks gives each block, and each piece of one, the
    hits the whole set gives; the next document gets the whole set, and so does a long one."""
    from cleannews.rules import engine

    whole = load_rules((), None)
    for name, texts in _fixture_blocks().items():
        narrowed = RuleSet(whole.rules, sources=whole.sources).narrowed(texts)
        assert len(narrowed._phrases.rules) < len(whole.rules)  # type: ignore[union-attr]
        for text in texts:
            for piece in _pieces(text):
                assert narrowed.hits(piece) == whole.hits(piece), (name, piece)
    rules = RuleSet(whole.rules, sources=whole.sources)
    assert rules.narrowed(["Tom wrote this."])._phrases is not rules._phrases
    assert rules.narrowed(["Tom wrote this."])._phrases is rules._phrases  # compiled whole from then on
    assert rules.narrowed(["Support us: donate now"])._phrases is rules._phrases
    long = ["Tom wrote this. " * (engine.NARROW_MAX_CHARS // 16 + 1)]
    assert RuleSet(whole.rules, sources=whole.sources).narrowed(long)._phrases.rules == whole.rules


@pytest.mark.parametrize(("pattern", "literals"), [
    ("we (?:don't|do not) (?:have|put up|want|use) (?:a )?paywall", (("paywall",), ("we",))),
    ("favou?r to ask", (("favor", "favour"),)),  # each match holds one; the longest piece of each
    ("(?:read|see) also", (("also", "read"),)),
    ("donat\\w*|support(?:s|ing)?", (("donat", "support", "supporting", "supports"),)),
    ("don['’]t give", (("give",), ("don",))),  # no literal holds a quote or a space
    ("\\S+@\\S+", (("@",),)),
    ("(?i:give)", None),  # capitals in a text would match it
    ("(?:give )?now|\\d+", None),  # "\\d+" needs no literal
    ("[[:alpha:]]+ now", None),  # a POSIX class, which Python's parser reads otherwise
])
def test_the_literals_of_a_pattern(pattern: str, literals: tuple[tuple[str, ...], ...] | None) -> None:
    from cleannews.rules.literals import literals as found

    assert found(pattern) == literals
