"""The demo companies' cookie registers and websites, as their policies describe them (the cookie declarations).

Seleverkstedet names JSESSIONID and listView from Gurusoft's platform and adds Meta's pixel and Google's tag;
Verdifull's WordPress shop keeps WordPress's comment, login and settings cookies and WooCommerce's cart; the
consultancy's Wix site measures visits with Google Analytics; Selby keeps one session cookie and a long-lived
"remember me" cookie without naming them (patterns here); the Swedish shop uses Meta's pixel and Google
Analytics. Lifetimes a policy leaves out are the services' own published defaults.
"""

from dataclasses import dataclass

from ropa.demo import consultancy, selby, seleverkstedet, swedish_shop, verdifull
from ropa.models import Organisation, ProcessingActivity, Processor
from ropa.website.models import Cookie, CookieCategory, Website

C = CookieCategory
FIRST, THIRD = Cookie.Party.FIRST, Cookie.Party.THIRD


@dataclass(frozen=True)
class CookieSpec:
    company: str
    name: str
    category: str
    purpose: str
    lifetime: str
    activity: str = ""
    processor: str = ""
    party: str = FIRST
    host: str = ""


SELE_SESSION = "Informasjonskapsler for økten i butikken (JSESSIONID, listView)"
SELE_PIXELS = "Sporingspiksler for markedsføring (Facebook-piksel, Google Tag)"
SWEDE_PIXELS = "Annonspixlar och webbanalys (Facebook-pixel, Google Analytics)"
CONSULT_ANALYTICS = "Analyse av nettstedet (Google Analytics)"

WEBSITES = {selby.NAME: "https://selby.no/", verdifull.NAME: "https://www.verdifull.no/"}

COOKIES = (
    CookieSpec(seleverkstedet.NAME, "JSESSIONID", C.STRICTLY_NECESSARY,
               "Knytter besøket til handlekurven og favorittene dine; inneholder bare en referanse.", "økten",
               SELE_SESSION, "Gurusoft Ecommerce"),
    CookieSpec(seleverkstedet.NAME, "listView", C.PREFERENCES,
               "Husker om du vil se produktene som liste eller rutenett.", "ikke oppgitt", SELE_SESSION,
               "Gurusoft Ecommerce"),
    CookieSpec(seleverkstedet.NAME, "_fbp", C.MARKETING,
               "Meta-pikselen kjenner igjen nettleseren for å målrette og måle annonser.", "3 måneder",
               SELE_PIXELS, "Meta-piksel (Facebook)"),
    CookieSpec(seleverkstedet.NAME, "fr", C.MARKETING, "Metas annonsecookie for målretting.", "3 måneder",
               SELE_PIXELS, "Meta-piksel (Facebook)", THIRD, ".facebook.com"),
    CookieSpec(seleverkstedet.NAME, "_gcl_au", C.MARKETING,
               "Google Tag måler hvilke annonser som fører til kjøp.", "3 måneder", SELE_PIXELS,
               "Google Tag og Google Ads"),
    CookieSpec(verdifull.NAME, "comment_author_*", C.PREFERENCES,
               "Husker navn, e-post og nettsted du skrev i en kommentar, om du ba om det.", "1 år",
               "Kommentarer på bloggen"),
    CookieSpec(verdifull.NAME, "wordpress_test_cookie", C.STRICTLY_NECESSARY,
               "Prøver om nettleseren tar imot informasjonskapsler før du logger inn.", "økten", "Kundekontoer"),
    CookieSpec(verdifull.NAME, "wordpress_logged_in_*", C.STRICTLY_NECESSARY,
               "Holder deg innlogget.", "2 dager, 2 uker med «Husk meg»", "Kundekontoer"),
    CookieSpec(verdifull.NAME, "wp-settings-*", C.PREFERENCES,
               "Husker visningsvalgene dine når du er innlogget.", "1 år", "Kundekontoer"),
    CookieSpec(verdifull.NAME, "wp_woocommerce_session_*", C.STRICTLY_NECESSARY,
               "Holder styr på handlekurven mens du handler.", "2 dager", "Kjøp og betaling"),
    CookieSpec(verdifull.NAME, "woocommerce_items_in_cart", C.STRICTLY_NECESSARY,
               "Forteller butikken at handlekurven ikke er tom.", "økten", "Kjøp og betaling"),
    CookieSpec(consultancy.NAME, "_ga", C.STATISTICS,
               "Google Analytics skiller besøkende fra hverandre for besøksstatistikk.", "2 år", CONSULT_ANALYTICS,
               "Google Analytics"),
    CookieSpec(consultancy.NAME, "_ga_*", C.STATISTICS,
               "Google Analytics holder rede på økten for besøksstatistikk.", "2 år", CONSULT_ANALYTICS,
               "Google Analytics"),
    CookieSpec(selby.NAME, "*sess*", C.STRICTLY_NECESSARY,
               "En anonym referanse som sikrer forbindelsen og holder status i økten din.", "økten",
               "Informasjonskapsler for økt og innlogging"),
    CookieSpec(selby.NAME, "*remember*", C.STRICTLY_NECESSARY,
               "Holder deg innlogget når du har krysset av for «Husk meg».", "til du logger ut",
               "Informasjonskapsler for økt og innlogging"),
    CookieSpec(swedish_shop.NAME, "_fbp", C.MARKETING,
               "Meta-pixeln känner igen webbläsaren för att rikta och mäta annonser.", "3 månader", SWEDE_PIXELS,
               "Meta-piksel (Facebook)"),
    CookieSpec(swedish_shop.NAME, "_ga", C.STATISTICS,
               "Google Analytics skiljer besökare åt för besöksstatistik.", "2 år", SWEDE_PIXELS,
               "Google Tag og Google Ads"),
)


def load() -> None:
    """Create or update the demo websites and cookie registers (called by load_demo, in its transaction)."""
    from ropa.demo import CHANGE_REASON, _upsert

    # The controllers: each company's processors are the ones in its own workspace.
    organisations = {
        o.name: o for o in Organisation.objects.filter(
            name__in={c.company for c in COOKIES}, role=Organisation.Role.CONTROLLER,
        )
    }
    for company, address in WEBSITES.items():
        _upsert(Website, {"organisation": organisations[company], "address": address}, {})
    for spec in COOKIES:
        organisation = organisations[spec.company]
        activity = ProcessingActivity.objects.get(organisation=organisation, name=spec.activity)
        processor = (
            Processor.objects.get(workspace=organisation.workspace_id, name=spec.processor) if spec.processor else None
        )
        _upsert(Cookie, {"organisation": organisation, "name": spec.name}, {
            "category": spec.category, "purpose": spec.purpose, "lifetime": spec.lifetime, "activity": activity,
            "processor": processor, "party": spec.party, "host": spec.host,
        })
    wanted = {(spec.company, spec.name) for spec in COOKIES}
    for cookie in Cookie.objects.filter(organisation__in=organisations.values()).select_related("organisation"):
        if (cookie.organisation.name, cookie.name) not in wanted:
            cookie._change_reason = CHANGE_REASON
            cookie.delete()
