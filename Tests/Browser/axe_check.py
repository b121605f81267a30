"""Loads pages in real headless Chromium, runs axe-core (WCAG 2.1 A/AA rules) and saves a screenshot of each.

Usage: axe_check.py AXE_JS SCREENSHOT_DIR STEP...   where a STEP is `get:URL`, `submit:URL` (open URL, then
submit its first form as it is, to check the page that answers) or `type:URL|name=value|...` (open URL, type
each value into its field from the keyboard — a radio button is chosen with the space bar, a file input gets a
file's path, a name written `#id` is a field's id —, then press Enter on the first button of the last field's
form, and check the page that answers) or `click:URL|link text` (follow a link from the keyboard) or
`press:URL|button text` (press one of the page's buttons from the keyboard) or `external:URL|name=value|...` (a
step through someone else's page, e.g. an identity provider's: open URL, type the values and submit as `type:`
does; only the page it leads back to is ours and checked, or none when there are no values). An empty URL stays on
the page the previous step reached (a claim draft's steps have addresses the test cannot know in advance).
The browser keeps its cookies from step to step, so a sign-in step opens a session for the following ones. Prints one JSON object
{"pages": [{"url", "title", "violations": [{"id", "impact", "nodes"}], "csp": [message]}]}; exits 1 on any
accessibility violation or any Content Security Policy violation the browser reported in its console.
"""
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=fr-FR"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def audit(driver, axe_js):
    driver.execute_script(axe_js)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{runOnly: {json.dumps(RULES)}}}).then(r => done(r.violations));"
    )
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]} for v in result]


def csp_violations(driver):
    """What the browser refused under the page's Content Security Policy since the last call (its console)."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def type_into(driver, name, value):
    """Types `value` into the field and returns it."""
    field = driver.find_element(By.ID, name[1:]) if name.startswith("#") else driver.find_element(By.NAME, name)
    if field.get_attribute("type") == "radio":
        field = driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
        field.send_keys(Keys.SPACE)
    elif field.get_attribute("type") == "date":
        # The field's segment order follows the browser's locale (jj/mm/aaaa or mm/dd/yyyy): try both.
        year, month, day = value.split("-")
        for digits in (day + month + year, month + day + year):
            field.send_keys(digits)
            if field.get_attribute("value") == value:
                return field
            field.clear()
        raise RuntimeError(f"could not type the date {value} into {name}")
    else:
        field.send_keys(value)
    return field


def main():
    axe_js = open(sys.argv[1], encoding="utf-8").read()
    screenshots = sys.argv[2]
    driver = browser()
    driver.set_script_timeout(30)
    pages = []
    try:
        for index, step in enumerate(sys.argv[3:]):
            kind, target = step.split(":", 1)
            url, *entries = target.split("|")
            if url:
                driver.get(url)
            # A mark on the current document's window: a new page starts without it.
            driver.execute_script("window.mijPreviousPage = true;")
            if kind == "external":
                csp_violations(driver)  # someone else's page: not ours to audit
                if not entries:
                    continue
            if kind == "submit":
                driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            elif kind in ("type", "external"):
                field = None
                for entry in entries:
                    name, value = entry.split("=", 1)
                    field = type_into(driver, name, value)
                field.find_element(By.XPATH, "./ancestor::form//button[@type='submit']").send_keys(Keys.ENTER)
            elif kind == "click":
                driver.find_element(By.LINK_TEXT, entries[0]).send_keys(Keys.ENTER)
            elif kind == "press":
                driver.find_element(By.XPATH, f"//main//button[normalize-space()='{entries[0]}']").send_keys(Keys.ENTER)
            if kind != "get":  # wait for the answer to replace the page (an upload is scanned first)
                try:
                    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
                        "return window.mijPreviousPage === undefined && document.readyState === 'complete'"
                    ))
                except Exception as error:
                    raise RuntimeError(f"step {index} ({step}) did not lead to a new page from {driver.current_url} ({driver.title})") from error
            driver.save_screenshot(f"{screenshots}/page-{index}.png")
            violations = audit(driver, axe_js)
            pages.append({"url": driver.current_url, "title": driver.title, "violations": violations,
                          "csp": csp_violations(driver)})
    finally:
        driver.quit()
    print(json.dumps({"pages": pages}, ensure_ascii=False))
    sys.exit(1 if any(page["violations"] or page["csp"] for page in pages) else 0)


if __name__ == "__main__":
    main()
