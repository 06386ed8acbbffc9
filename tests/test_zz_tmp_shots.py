from tests.test_browser import site, chromium, _new_page, fill_placeholders  # noqa
def test_shots(chromium, site):
    context, page = _new_page(chromium, base_url=site, viewport={"width": 375, "height": 800})
    for url in ["/policies/", "/policies/?q=汽车", "/", "/news/", "/agencies/miit/"] + fill_placeholders(page)[3:4]:
        page.goto(url)
        h = page.evaluate("document.documentElement.scrollHeight")
        name = url.strip("/").replace("/", "-").replace("?", "_")[:30] or "home"
        for i, y in enumerate(range(0, min(h, 3200), 800)):
            page.screenshot(path=f"/tmp/seg/{name}-{i}.png", full_page=True, clip={"x": 0, "y": y, "width": 375, "height": min(800, h - y)})
    context.close()
