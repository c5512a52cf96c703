"""What sites print around a story, in five languages: menus, share bars, newsletter and
donation boxes, most-read lists, related teasers, comments, cookie banners, footers, head tags.

Every helper returns markup; the class names are the caller's, since each CMS names its
furniture its own way. All text is invented for this corpus.
"""

from __future__ import annotations

import hashlib
import json
from html import escape

from story import Story, gold_lines, plain

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}

L10N: dict[str, dict[str, object]] = {
    "en": {
        "menu": ["News", "Politics", "Business", "Environment", "Sport", "Culture", "Opinion", "Podcasts"],
        "skip": "Skip to content", "login": "Log in", "subscribe": "Subscribe", "search": "Search",
        "home": "Home", "by": "By", "updated": "Updated", "read_time": "{} min read",
        "share": "Share this article", "copy": "Copy link",
        "newsletter_h": "Get the Morning Briefing",
        "newsletter_p": "The day's most important stories, in your inbox before 7 a.m. Free, every weekday.",
        "email": "Your email address", "signup": "Sign up",
        "privacy": "By signing up you agree to our privacy policy. You can unsubscribe at any time.",
        "donate_h": "Before you go",
        "donate_p": "We keep our reporting free for everyone to read, and that is only possible because readers "
                    "like you chip in. If you value what we do, please consider supporting us with a monthly "
                    "contribution. It takes less than a minute.",
        "donate_b": "Support us", "member_b": "Become a member",
        "most_read": "Most read", "related": "Related stories", "more": "Read more",
        "comments": "Comments", "reply": "Reply", "leave": "Leave a comment", "name": "Name",
        "post": "Post comment", "tags": "Topics", "ad": "Advertisement",
        "prev": "Previous article", "next": "Next article",
        "cookie": "We use cookies to give you the best experience on our site, to measure traffic and to "
                  "show you personalised ads. You can change your choice at any time in Privacy settings.",
        "accept": "Accept all", "reject": "Reject all", "settings": "Manage settings",
        "footer": ["About us", "Contact", "Advertise", "Jobs", "Terms of use", "Privacy policy", "Cookie settings"],
        "rights": "All rights reserved.", "follow": "Follow us",
        "live": "Live", "key_events": "Key events", "dossier": "More in this dossier", "up_next": "Up next",
        "headlines": [
            "Council approves plan for new cycle bridge over the canal",
            "Hospital trust names new chief executive after long search",
            "Why the price of a loaf has risen faster than wages this year",
            "Fire crews spend six hours tackling blaze at recycling plant",
            "Students return to campus as strike over pay ends",
            "Rail operator apologises for weekend of cancellations",
            "Five things to do this weekend, from jazz to a night market",
            "Farmers warn of poor harvest after the wettest spring on record",
            "Police appeal for witnesses after crash on ring road",
            "Museum reopens its east wing after two-year restoration",
            "Water company fined over sewage spills into the estuary",
            "Opinion: the high street is not dead, it is changing",
            "New homes on former airfield approved despite objections",
            "Local baker wins national award for sourdough",
            "Schools to get extra funding for special needs support",
            "Tidal energy project secures first investors",
        ],
        "teasers": [
            "The plan has been in the works for three years and still faces a public inquiry.",
            "Residents say they were not consulted before the decision was taken.",
            "Figures released on Tuesday show the gap widening for a third month.",
            "Officials say the work should be finished before the end of the summer.",
        ],
        "comment_names": ["Jo Hartley", "mike_r", "Priya S.", "OldHarbourRes", "Tom Vance"],
        "comment_texts": [
            "I have lived here for thirty years and I have never seen anything like it. Someone should have "
            "seen this coming.",
            "Good to finally see some numbers on this. Would be interesting to know how it compares with "
            "other towns of the same size.",
            "This is exactly what was promised at the last election and nothing happened then either.",
            "Does anyone know whether the consultation is still open? The website link does not work.",
            "Thanks for reporting on this, nobody else seems to cover it.",
        ],
    },
    "de": {
        "menu": ["Politik", "Wirtschaft", "Region", "Kultur", "Sport", "Wissen", "Meinung"],
        "skip": "Zum Inhalt springen", "login": "Anmelden", "subscribe": "Abo", "search": "Suche",
        "home": "Startseite", "by": "Von", "updated": "Aktualisiert", "read_time": "{} Min. Lesezeit",
        "share": "Artikel teilen", "copy": "Link kopieren",
        "newsletter_h": "Der Morgen-Newsletter",
        "newsletter_p": "Die wichtigsten Nachrichten aus der Region, jeden Werktag um 6 Uhr in Ihrem Postfach.",
        "email": "Ihre E-Mail-Adresse", "signup": "Jetzt anmelden",
        "privacy": "Mit der Anmeldung akzeptieren Sie unsere Datenschutzerklärung. Abmeldung jederzeit möglich.",
        "donate_h": "Unabhängiger Journalismus braucht Sie",
        "donate_p": "Unsere Artikel sind für alle frei zugänglich. Das geht nur, weil Leserinnen und Leser wie "
                    "Sie uns unterstützen. Werden Sie jetzt Mitglied – schon ab 5 Euro im Monat.",
        "donate_b": "Jetzt unterstützen", "member_b": "Mitglied werden",
        "most_read": "Meistgelesen", "related": "Mehr zum Thema", "more": "Weiterlesen",
        "comments": "Kommentare", "reply": "Antworten", "leave": "Kommentar schreiben", "name": "Name",
        "post": "Kommentar abschicken", "tags": "Themen", "ad": "Anzeige",
        "prev": "Vorheriger Artikel", "next": "Nächster Artikel",
        "cookie": "Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren, Werbung "
                  "auszuspielen und die Nutzung unserer Seite zu analysieren.",
        "accept": "Alle akzeptieren", "reject": "Ablehnen", "settings": "Einstellungen",
        "footer": ["Impressum", "Datenschutz", "Kontakt", "Mediadaten", "Karriere", "AGB", "Cookie-Einstellungen"],
        "rights": "Alle Rechte vorbehalten.", "follow": "Folgen Sie uns",
        "live": "Live", "key_events": "Die wichtigsten Ereignisse", "dossier": "Mehr aus dem Dossier",
        "up_next": "Nächster Artikel",
        "headlines": [
            "Stadtrat beschließt neue Parkgebühren für die Innenstadt",
            "Klinikum sucht dringend Pflegekräfte für die Kinderstation",
            "Warum die Mieten im Umland schneller steigen als in der Stadt",
            "Großbrand in Lagerhalle: Feuerwehr die ganze Nacht im Einsatz",
            "Freibad öffnet früher als geplant",
            "Bahn kündigt Sperrung der Strecke für drei Wochen an",
            "Kommentar: Die Verkehrswende braucht mehr als Radwege",
            "Landwirte klagen über Trockenheit im Frühjahr",
        ],
        "teasers": [
            "Der Plan ist umstritten, eine Entscheidung soll im Herbst fallen.",
            "Anwohner fühlen sich übergangen und kündigen Widerstand an.",
            "Neue Zahlen zeigen, dass sich der Trend fortsetzt.",
            "Die Arbeiten sollen bis zum Sommer abgeschlossen sein.",
        ],
        "comment_names": ["K. Brandt", "radler_73", "Ute M.", "Nachbar aus Linden"],
        "comment_texts": [
            "Das hätte man sich auch früher überlegen können. Jetzt zahlen wieder die Anwohner.",
            "Endlich passiert etwas. Ich fahre die Strecke jeden Tag und es ist lebensgefährlich.",
            "Weiß jemand, ob es eine Bürgerversammlung dazu gibt?",
            "Guter Artikel, danke für die Zahlen.",
        ],
    },
    "fr": {
        "menu": ["Actualité", "Politique", "Économie", "Régions", "Culture", "Sports", "Opinions"],
        "skip": "Aller au contenu", "login": "Se connecter", "subscribe": "S'abonner", "search": "Rechercher",
        "home": "Accueil", "by": "Par", "updated": "Mis à jour", "read_time": "Lecture {} min",
        "share": "Partager l'article", "copy": "Copier le lien",
        "newsletter_h": "La lettre du matin",
        "newsletter_p": "L'essentiel de l'actualité régionale chaque matin dans votre boîte mail.",
        "email": "Votre adresse e-mail", "signup": "Je m'inscris",
        "privacy": "Vos données sont traitées conformément à notre politique de confidentialité.",
        "donate_h": "Soutenez une information indépendante",
        "donate_p": "Nos articles sont en accès libre. Pour que cela dure, nous avons besoin de vous : "
                    "faites un don, même modeste, il est déductible de vos impôts.",
        "donate_b": "Je fais un don", "member_b": "Je m'abonne",
        "most_read": "Les plus lus", "related": "À lire aussi", "more": "Lire la suite",
        "comments": "Commentaires", "reply": "Répondre", "leave": "Laisser un commentaire", "name": "Nom",
        "post": "Publier", "tags": "Thèmes", "ad": "Publicité",
        "prev": "Article précédent", "next": "Article suivant",
        "cookie": "Avec votre accord, nous et nos partenaires utilisons des cookies pour stocker et accéder "
                  "à des informations sur votre appareil, mesurer l'audience et personnaliser les publicités.",
        "accept": "Tout accepter", "reject": "Continuer sans accepter", "settings": "Paramétrer",
        "footer": ["Mentions légales", "Contact", "Publicité", "Recrutement", "CGU", "Confidentialité", "Cookies"],
        "rights": "Tous droits réservés.", "follow": "Suivez-nous",
        "live": "En direct", "key_events": "Les moments clés", "dossier": "Dans ce dossier",
        "up_next": "Article suivant",
        "headlines": [
            "Le conseil municipal vote le budget après une séance tendue",
            "Un nouveau collège ouvrira ses portes à la rentrée 2026",
            "Pourquoi les loyers augmentent plus vite en périphérie",
            "Incendie dans un entrepôt : une centaine de pompiers mobilisés",
            "La ligne de tramway prolongée jusqu'à l'hôpital",
            "Tribune : la ruralité mérite mieux que des promesses",
            "Les agriculteurs inquiets après un printemps très sec",
            "Le festival de jazz dévoile sa programmation",
        ],
        "teasers": [
            "Le projet divise encore les élus, qui doivent se prononcer en septembre.",
            "Les riverains dénoncent un manque de concertation.",
            "Les chiffres publiés mardi confirment la tendance.",
            "Les travaux devraient s'achever avant l'été.",
        ],
        "comment_names": ["Martine L.", "jp_dubois", "Un lecteur", "Sophie R."],
        "comment_texts": [
            "Encore une décision prise sans demander l'avis des habitants.",
            "Très bon article, merci pour ces explications claires.",
            "Quelqu'un sait-il si la réunion publique est maintenue ?",
            "On attend de voir le résultat, mais c'est un premier pas.",
        ],
    },
    "es": {
        "menu": ["Portada", "Nacional", "Internacional", "Economía", "Sociedad", "Cultura", "Deportes", "Opinión"],
        "skip": "Saltar al contenido", "login": "Iniciar sesión", "subscribe": "Suscríbete", "search": "Buscar",
        "home": "Inicio", "by": "Por", "updated": "Actualizado", "read_time": "{} min de lectura",
        "share": "Compartir", "copy": "Copiar enlace",
        "newsletter_h": "Boletín de la mañana",
        "newsletter_p": "Las noticias más importantes del día, cada mañana en tu correo. Gratis.",
        "email": "Tu correo electrónico", "signup": "Apúntate",
        "privacy": "Al suscribirte aceptas nuestra política de privacidad.",
        "donate_h": "El periodismo independiente necesita tu apoyo",
        "donate_p": "Nuestras noticias son gratuitas para todos. Si valoras nuestro trabajo, hazte socio "
                    "desde 5 euros al mes y ayúdanos a seguir informando.",
        "donate_b": "Hazte socio", "member_b": "Apoya nuestro periodismo",
        "most_read": "Lo más leído", "related": "Te puede interesar", "more": "Leer más",
        "comments": "Comentarios", "reply": "Responder", "leave": "Deja tu comentario", "name": "Nombre",
        "post": "Publicar comentario", "tags": "Temas", "ad": "Publicidad",
        "prev": "Noticia anterior", "next": "Noticia siguiente",
        "cookie": "Utilizamos cookies propias y de terceros para mejorar nuestros servicios y mostrarte "
                  "publicidad relacionada con tus preferencias.",
        "accept": "Aceptar todas", "reject": "Rechazar", "settings": "Configurar",
        "footer": ["Quiénes somos", "Contacto", "Publicidad", "Aviso legal", "Privacidad", "Política de cookies"],
        "rights": "Todos los derechos reservados.", "follow": "Síguenos",
        "live": "Directo", "key_events": "Lo más destacado", "dossier": "Más en este especial",
        "up_next": "Siguiente noticia",
        "headlines": [
            "El ayuntamiento aprueba la nueva ordenanza de terrazas",
            "La huelga de transporte se desconvoca tras un acuerdo de madrugada",
            "Por qué el precio del aceite sigue sin bajar",
            "Un incendio obliga a desalojar tres urbanizaciones",
            "El hospital comarcal estrena su nueva unidad de urgencias",
            "Opinión: la España vacía necesita algo más que planes",
            "Los agricultores piden ayudas por la sequía",
            "La universidad amplía las plazas de Medicina",
        ],
        "teasers": [
            "La medida entrará en vigor el próximo mes y afectará a miles de vecinos.",
            "Los vecinos critican que no se les haya consultado.",
            "Los datos publicados este martes confirman la tendencia.",
            "Las obras terminarán, según el ayuntamiento, antes del verano.",
        ],
        "comment_names": ["Carmen G.", "pepe_1970", "Lector habitual", "Andrés M."],
        "comment_texts": [
            "Llevamos años pidiendo esto y siempre llega tarde.",
            "Muy buen artículo, por fin alguien explica los datos.",
            "¿Alguien sabe si hay reunión vecinal esta semana?",
            "A ver si esta vez se cumple lo prometido.",
        ],
    },
    "ru": {
        "menu": ["Новости", "Политика", "Экономика", "Общество", "Город", "Культура", "Спорт"],
        "skip": "Перейти к содержанию", "login": "Войти", "subscribe": "Подписаться", "search": "Поиск",
        "home": "Главная", "by": "Автор:", "updated": "Обновлено", "read_time": "{} мин. чтения",
        "share": "Поделиться", "copy": "Скопировать ссылку",
        "newsletter_h": "Утренняя рассылка",
        "newsletter_p": "Главные новости города каждое утро в вашей почте. Бесплатно.",
        "email": "Ваш e-mail", "signup": "Подписаться",
        "privacy": "Нажимая кнопку, вы соглашаетесь с политикой конфиденциальности.",
        "donate_h": "Поддержите независимую журналистику",
        "donate_p": "Мы работаем без государственных денег и рекламы от чиновников. Каждый ваш перевод "
                    "помогает нам писать о том, о чём молчат другие. Поддержите нас — даже 100 рублей важны.",
        "donate_b": "Поддержать", "member_b": "Стать партнёром",
        "most_read": "Самое читаемое", "related": "Читайте также", "more": "Подробнее",
        "comments": "Комментарии", "reply": "Ответить", "leave": "Оставить комментарий", "name": "Имя",
        "post": "Отправить", "tags": "Темы", "ad": "Реклама",
        "prev": "Предыдущая новость", "next": "Следующая новость",
        "cookie": "Мы используем файлы cookie, чтобы сайт работал лучше. Оставаясь на сайте, вы соглашаетесь "
                  "с условиями их использования.",
        "accept": "Принять", "reject": "Отказаться", "settings": "Настроить",
        "footer": ["О редакции", "Контакты", "Реклама", "Вакансии", "Пользовательское соглашение",
                   "Политика конфиденциальности"],
        "rights": "Все права защищены.", "follow": "Мы в соцсетях",
        "live": "Онлайн", "key_events": "Главное", "dossier": "Другие материалы досье", "up_next": "Следующая новость",
        "headlines": [
            "В городе откроют три новые поликлиники до конца года",
            "Мэрия объявила конкурс на ремонт набережной",
            "Почему цены на овощи выросли сильнее, чем зарплаты",
            "Пожар на складе тушили всю ночь",
            "Трамвайную линию продлят до нового микрорайона",
            "Мнение: городу нужны не парковки, а автобусы",
            "Фермеры жалуются на засуху",
            "Театр драмы открывает сезон премьерой",
        ],
        "teasers": [
            "Проект обсуждают уже три года, решение обещают принять осенью.",
            "Жители говорят, что с ними никто не советовался.",
            "Новые данные подтверждают тенденцию.",
            "Работы планируют завершить до лета.",
        ],
        "comment_names": ["Ольга П.", "sergey_k", "Житель", "Марина"],
        "comment_texts": [
            "Сколько лет уже обещают, а воз и ныне там.",
            "Спасибо за подробный разбор, всё понятно.",
            "Кто-нибудь знает, будут ли публичные слушания?",
            "Посмотрим, что получится на деле.",
        ],
    },
}


def t(lang: str, key: str) -> str:
    return str(L10N[lang][key])


def strings(lang: str, key: str) -> list[str]:
    value = L10N[lang][key]
    assert isinstance(value, list)
    return value


def pick(story: Story, key: str, n: int, salt: str = "") -> list[str]:
    """n entries of a pool, chosen and ordered by the story's id: each page its own mix."""
    pool = strings(story["lang"], key)
    ranked = sorted(pool, key=lambda s: hashlib.sha1(f"{story.id}{salt}{s}".encode()).hexdigest())
    return ranked[:n]


def slug(text: str) -> str:
    words = "".join(c.lower() if c.isalnum() else " " for c in text).split()
    return "-".join(words[:8])


def hashed(story: Story, salt: str, n: int = 6) -> str:
    """A class name as CSS-in-JS tools hash them ("css-1x2y3z", "sc-abc123")."""
    return hashlib.sha1(f"{story.id}/{salt}".encode()).hexdigest()[:n]


def date_text(story: Story) -> str:
    year, month, day = story["date"][:10].split("-")
    name = MONTHS[story["lang"]].split()[int(month) - 1]
    return f"{name} {int(day)}, {year}" if story["lang"] == "en" else f"{int(day)} {name} {year}"


def site_url(story: Story) -> str:
    return "/".join(story["url"].split("/")[:3])


# --- the head ----------------------------------------------------------------------------------

def json_ld(story: Story, with_body: bool) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": story.get("ld_type", "NewsArticle"),
        "headline": story.headline,
        "description": story.standfirst or plain(next(b.text for b in story.blocks if b.kind == "p"))[:150],
        "datePublished": story["date"],
        "dateModified": story["date"],
        "author": [{"@type": "Person", "name": story["author"]}],
        "publisher": {"@type": "Organization", "name": story["site"],
                      "logo": {"@type": "ImageObject", "url": f"{site_url(story)}/static/logo.png"}},
        "mainEntityOfPage": {"@type": "WebPage", "@id": story["url"]},
        "image": [f"{site_url(story)}/images/{slug(story.headline)}-1200.jpg"],
        "inLanguage": story["lang"],
    }
    if with_body:
        data["articleBody"] = "\n\n".join(gold_lines(story.blocks))
    return json.dumps(data, ensure_ascii=False, indent=1)


def head(story: Story, css: str, extra: str = "") -> str:
    """<!DOCTYPE> to </head>: title, description, Open Graph, Twitter card, JSON-LD, styles."""
    title = escape(story.headline)
    description = escape(story.standfirst or plain(next(b.text for b in story.blocks if b.kind == "p"))[:160])
    image = f"{site_url(story)}/images/{slug(story.headline)}-1200.jpg"
    ld = json_ld(story, story.flag("jsonld_body")) if story.get("jsonld", "yes") == "yes" else ""
    return f"""<!DOCTYPE html>
<html lang="{story['lang']}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {escape(story['site'])}</title>
<meta name="description" content="{description}">
<link rel="canonical" href="{story['url']}">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
<meta property="og:url" content="{story['url']}">
<meta property="og:image" content="{image}">
<meta property="og:site_name" content="{escape(story['site'])}">
<meta property="article:published_time" content="{story['date']}">
<meta property="article:section" content="{escape(story['section'])}">
<meta name="twitter:card" content="summary_large_image">
<meta name="author" content="{escape(story['author'])}">
{'<script type="application/ld+json">' + ld + '</script>' if ld else ''}
<link rel="preconnect" href="https://cdn.{story['url'].split('/')[2]}">
<style>{css}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}
gtag('js',new Date());gtag('config','G-{hashed(story, 'ga', 8).upper()}');</script>
{extra}
</head>"""


# --- furniture ---------------------------------------------------------------------------------

def cookie_banner(story: Story, cls: str = "cookie-banner") -> str:
    lang = story["lang"]
    return (f'<div id="{cls}" class="{cls}" role="dialog" aria-live="polite"><p class="{cls}__text">'
            f'{t(lang, "cookie")} <a href="/privacy">{t(lang, "settings")}</a></p><div class="{cls}__buttons">'
            f'<button class="{cls}__accept">{t(lang, "accept")}</button><button class="{cls}__reject">'
            f'{t(lang, "reject")}</button></div></div>')


def menu_items(story: Story, li: str = "menu-item", a: str = "") -> str:
    a_cls = f' class="{a}"' if a else ""
    sections = strings(story["lang"], "menu")
    return "".join(f'<li class="{li}"><a{a_cls} href="/{slug(s)}/">{s}</a></li>' for s in sections)


def breadcrumbs(story: Story, cls: str = "breadcrumbs") -> str:
    lang = story["lang"]
    return (f'<nav class="{cls}" aria-label="Breadcrumb"><ol><li><a href="/">{t(lang, "home")}</a></li>'
            f'<li><a href="/{slug(story["section"])}/">{story["section"]}</a></li></ol></nav>')


def byline(story: Story, cls: str = "byline") -> str:
    lang = story["lang"]
    minutes = max(2, len(" ".join(gold_lines(story.blocks)).split()) // 220)
    author = f'<a href="/author/{slug(story["author"])}/">'
    return (f'<div class="{cls}"><span class="{cls}__author">{t(lang, "by")} {author}'
            f'{story["author"]}</a></span> <time datetime="{story["date"]}">{date_text(story)}</time> '
            f'<span class="{cls}__reading-time">{t(lang, "read_time").format(minutes)}</span></div>')


def share_bar(story: Story, cls: str = "share-bar") -> str:
    lang = story["lang"]
    url = story["url"]
    nets = [("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
            ("x", "X", f"https://x.com/intent/post?url={url}"),
            ("whatsapp", "WhatsApp", f"https://wa.me/?text={url}"),
            ("email", "Email", f"mailto:?subject={escape(story.headline)}&amp;body={url}")]
    links = "".join(f'<li><a class="{cls}__link {cls}__link--{k}" href="{h}" target="_blank" rel="noopener">'
                    f'<span class="visually-hidden">{n}</span></a></li>' for k, n, h in nets)
    return (f'<div class="{cls}"><span class="{cls}__label">{t(lang, "share")}</span><ul class="{cls}__list">{links}'
            f'<li><button class="{cls}__copy" data-url="{url}">{t(lang, "copy")}</button></li></ul></div>')


def newsletter_box(story: Story, cls: str = "newsletter-signup") -> str:
    lang = story["lang"]
    return (f'<div class="{cls}"><h3 class="{cls}__title">{t(lang, "newsletter_h")}</h3><p class="{cls}__text">'
            f'{t(lang, "newsletter_p")}</p><form class="{cls}__form" action="/newsletter/subscribe" method="post">'
            f'<label for="nl-email">{t(lang, "email")}</label><input id="nl-email" type="email" name="email" '
            f'placeholder="{t(lang, "email")}"><button type="submit">{t(lang, "signup")}</button></form>'
            f'<p class="{cls}__small">{t(lang, "privacy")}</p></div>')


def donation_box(story: Story, cls: str = "support-box") -> str:
    lang = story["lang"]
    return (f'<div class="{cls}"><h3 class="{cls}__heading">{t(lang, "donate_h")}</h3><p>{t(lang, "donate_p")}</p>'
            f'<a class="{cls}__button" href="/support/?utm_source=article">{t(lang, "donate_b")}</a> '
            f'<a class="{cls}__link" href="/membership/">{t(lang, "member_b")}</a></div>')


def most_read(story: Story, cls: str = "most-read", tag: str = "h3") -> str:
    lang = story["lang"]
    items = "".join(f'<li class="{cls}__item"><a href="/{slug(h)}/">{h}</a></li>'
                    for h in pick(story, "headlines", 5, "most"))
    title = f'<{tag} class="{cls}__title">{t(lang, "most_read")}</{tag}>'
    return f'<section class="{cls}">{title}<ol>{items}</ol></section>'


def related(story: Story, cls: str = "related-stories", n: int = 3, tag: str = "h3") -> str:
    lang = story["lang"]
    cards = "".join(
        f'<div class="{cls}__card"><a href="/{slug(h)}/"><img src="/images/{slug(h)}-400.jpg" alt="" loading="lazy">'
        f'<h4 class="{cls}__headline">{h}</h4></a><p class="{cls}__summary">{s}</p></div>'
        for h, s in zip(pick(story, "headlines", n, "rel"), pick(story, "teasers", n, "rel"), strict=False))
    return f'<section class="{cls}"><{tag} class="{cls}__title">{t(lang, "related")}</{tag}>{cards}</section>'


def inline_related(story: Story, headline: str, cls: str = "inline-related") -> str:
    lang = story["lang"]
    return (f'<aside class="{cls}"><span class="{cls}__label">{t(lang, "related")}</span> '
            f'<a href="/{slug(headline)}/">{headline}</a></aside>')


def ad_slot(story: Story, n: int, cls: str = "ad-slot") -> str:
    return (f'<div class="{cls}" id="div-gpt-ad-{hashed(story, "ad", 4)}-{n}" data-slot="/2198/{slug(story["site"])}/'
            f'article/mpu_{n}"><span class="{cls}__label">{t(story["lang"], "ad")}</span></div>')


def comments(story: Story, cls: str = "comments", n: int = 3) -> str:
    lang = story["lang"]
    entries = "".join(
        f'<li class="{cls}__item" id="comment-{1000 + i}"><div class="{cls}__author">{name}</div>'
        f'<div class="{cls}__date">{date_text(story)}</div><div class="{cls}__body"><p>{text}</p></div>'
        f'<a class="{cls}__reply" href="#respond">{t(lang, "reply")}</a></li>'
        for i, (name, text) in enumerate(zip(pick(story, "comment_names", n, "c"), pick(story, "comment_texts", n, "c"),
                                             strict=False)))
    return (f'<section id="comments" class="{cls}"><h2 class="{cls}__title">{t(lang, "comments")} ({n})</h2>'
            f'<ol class="{cls}__list">{entries}</ol><div id="respond"><h3>{t(lang, "leave")}</h3>'
            f'<form action="/comments" method="post"><label>{t(lang, "name")}<input name="author"></label>'
            f'<textarea name="comment"></textarea><button>{t(lang, "post")}</button></form></div></section>')


def tags(story: Story, cls: str = "tags") -> str:
    words = story.get("tags", story["section"]).split(", ")
    links = "".join(f'<a href="/tag/{slug(w)}/" rel="tag">{w}</a>' for w in words)
    return f'<div class="{cls}"><span class="{cls}__label">{t(story["lang"], "tags")}:</span> {links}</div>'


def footer_links(story: Story, li: str = "") -> str:
    li_cls = f' class="{li}"' if li else ""
    return "".join(f'<li{li_cls}><a href="/{slug(s)}/">{s}</a></li>' for s in strings(story["lang"], "footer"))


def copyright_line(story: Story) -> str:
    return f'© {story["date"][:4]} {story["site"]}. {t(story["lang"], "rights")}'


def analytics(story: Story) -> str:
    """The scripts at the end of a body: a tag manager, a consent tool, a state blob."""
    state = json.dumps({"page": {"id": hashed(story, "page", 10), "section": story["section"], "type": "article",
                                 "author": story["author"], "published": story["date"]},
                        "ads": {"network": "2198", "targeting": {"section": slug(story["section"])}}})
    return (f'<script>window.__PAGE_STATE__={state};</script>'
            f'<script async src="https://www.googletagmanager.com/gtm.js?id=GTM-{hashed(story, "gtm", 6).upper()}">'
            f'</script><script src="https://cdn.consentmanager.example/delivery/cmp.min.js" async></script>')


BASE_CSS = """*,*::before,*::after{box-sizing:border-box}body{margin:0;font-family:Georgia,serif;color:#1a1a1a;
line-height:1.6}a{color:inherit}img{max-width:100%;height:auto}.visually-hidden,.screen-reader-text,.sr-only{
position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(1px,1px,1px,1px)}"""
