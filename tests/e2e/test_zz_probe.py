import pytest
from tests.e2e.conftest import AXE_JS
pytestmark = pytest.mark.e2e
def test_probe(live_server, browser):
    c = browser.new_context()
    p = c.new_page()
    p.goto(live_server.url + "/en/")
    try:
        p.add_script_tag(path=str(AXE_JS)); print("injected; axe:", p.evaluate("typeof axe"))
    except Exception as e:
        print("ERR", str(e)[:300])
    c.close()
