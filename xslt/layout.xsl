<?xml version="1.0" encoding="UTF-8"?>
<!-- The frame of every page (head, menu, sign-out, footer) and the named
     templates the page stylesheets share.  A page stylesheet includes
     this file and supplies two templates: match="page" mode="title" and
     match="page" mode="content". -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="messages.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <!-- Texts: the catalogue of this page's view, then messages/common.xml. -->
  <xsl:variable name="pd-lang" select="string(/page/@lang)"/>
  <xsl:variable name="pd-catalogue" select="string(/page/@name)"/>
  <xsl:variable name="pd-path" select="string(/page/@path)"/>

  <xsl:template match="/">
    <html lang="{$pd-lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:apply-templates select="page" mode="title"/>
          <xsl:text> · partnerdesk</xsl:text>
        </title>
        <link rel="stylesheet" href="/static/style.css"/>
      </head>
      <body class="page-{page/@name}">
        <a class="skip" href="#main">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.skip'"/></xsl:call-template>
        </a>
        <header class="site">
          <a class="brand" href="/dashboard">partnerdesk</a>
          <xsl:if test="page/user">
            <xsl:call-template name="menu"/>
            <div class="who">
              <span class="user-name"><xsl:value-of select="page/user/name"/></span>
              <xsl:if test="page/user/partner">
                <xsl:text> · </xsl:text>
                <span class="partner-name"><xsl:value-of select="page/user/partner"/></span>
              </xsl:if>
              <xsl:if test="page/csrf">
                <form method="post" action="/logout" class="inline">
                  <xsl:call-template name="csrf-field"/>
                  <button type="submit" class="link">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.sign_out'"/></xsl:call-template>
                  </button>
                </form>
              </xsl:if>
            </div>
          </xsl:if>
        </header>
        <main id="main">
          <xsl:call-template name="error-summary"/>
          <xsl:apply-templates select="page" mode="content"/>
        </main>
        <footer class="site">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'footer.operated'"/></xsl:call-template>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- The menu the model carries: the items of docs/product.md the
       reader's role may open, decided in C (lib/menu.c). -->
  <xsl:template name="menu">
    <nav class="menu">
      <xsl:attribute name="aria-label">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.menu'"/></xsl:call-template>
      </xsl:attribute>
      <ul>
        <xsl:apply-templates select="/page/user/menu/*" mode="menu"/>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template match="group" mode="menu">
    <li class="group">
      <span><xsl:call-template name="t"><xsl:with-param name="k" select="@label"/></xsl:call-template></span>
      <ul>
        <xsl:apply-templates select="item" mode="menu"/>
      </ul>
    </li>
  </xsl:template>

  <!-- The current page's item (its href up to a "?" is the path). -->
  <xsl:template match="item" mode="menu">
    <li>
      <a href="{@href}">
        <xsl:if test="$pd-path = substring-before(concat(@href, '?'), '?')">
          <xsl:attribute name="aria-current">page</xsl:attribute>
        </xsl:if>
        <xsl:call-template name="t"><xsl:with-param name="k" select="@label"/></xsl:call-template>
      </a>
    </li>
  </xsl:template>


  <!-- The SLA clocks (<clock>, lib/clock.c) of the context: each one's
       target and state, its due time while it runs, and a breach or a
       warning past the policy's share of the time. -->
  <xsl:template name="clocks">
    <xsl:variable name="list" select="clock"/>
    <xsl:if test="$list">
      <ul class="clocks">
        <xsl:for-each select="$list">
          <li class="clock-{@state}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('clock.target.', @target)"/></xsl:call-template>
            <xsl:text>: </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('sla.', @state)"/></xsl:call-template>
            <xsl:if test="@due">
              <xsl:text>, </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'sla.due'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:call-template name="utc-time"><xsl:with-param name="utc" select="@due"/></xsl:call-template>
              <xsl:if test="@left-minutes &gt;= 0">
                <xsl:value-of select="concat(' (', floor(@left-minutes div 60), ' h ', @left-minutes mod 60, ' min)')"/>
              </xsl:if>
            </xsl:if>
            <xsl:choose>
              <xsl:when test="@breached = 'yes' and @state != 'breached'">
                <xsl:text> </xsl:text>
                <span class="badge severity-A sla-overdue"><xsl:call-template name="t"><xsl:with-param name="k" select="'sla.breached'"/></xsl:call-template></span>
              </xsl:when>
              <xsl:when test="@warning = 'yes'">
                <xsl:text> </xsl:text>
                <span class="badge severity-B sla-warning"><xsl:call-template name="t"><xsl:with-param name="k" select="'clock.warning'"/></xsl:call-template></span>
              </xsl:when>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template name="csrf-field">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
  </xsl:template>

  <!-- <option> of a select, selected when its value is the current one.
       text: the option's text, a "t" call with a literal key in the
       parameter's body, which lib/render.c compiles into the text. -->
  <xsl:template name="option">
    <xsl:param name="value"/>
    <xsl:param name="current"/>
    <xsl:param name="text"/>
    <option value="{$value}">
      <xsl:if test="$value = $current"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:copy-of select="$text"/>
    </option>
  </xsl:template>

  <xsl:template name="status-badge">
    <xsl:param name="status"/>
    <span class="badge status-{$status}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('status.', $status)"/></xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template name="severity-badge">
    <xsl:param name="sev"/>
    <span class="badge severity-{$sev}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('severity.', $sev)"/></xsl:call-template>
    </span>
  </xsl:template>

  <!-- The context node holds a UTC time (or names it in utc); @local is
       the reader's. -->
  <xsl:template name="time">
    <xsl:param name="utc" select="."/>
    <time datetime="{$utc}">
      <xsl:choose>
        <xsl:when test="@local"><xsl:value-of select="@local"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </time>
  </xsl:template>

  <!-- A UTC time as "2026-11-24 02:00 UTC" (an SLA clock's due time). -->
  <xsl:template name="utc-time">
    <xsl:param name="utc"/>
    <time datetime="{$utc}"><xsl:value-of select="concat(substring($utc, 1, 10), ' ', substring($utc, 12, 5), ' UTC')"/></time>
  </xsl:template>

  <xsl:template name="customer-link">
    <xsl:param name="c" select="customer"/>
    <a href="/customers/{$c/@id}"><xsl:value-of select="$c/name"/></a>
  </xsl:template>

  <!-- A filter by name that found several (lib/lookup.c): how many,
       the first few as links that choose one (base: the list's URL with
       its other filters, ready for more), and where the rest are. -->
  <xsl:template match="matches">
    <xsl:param name="base"/>
    <div class="matches" role="status">
      <p>
        <strong><xsl:value-of select="@total"/></strong>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'lookup.matches'"/></xsl:call-template>
      </p>
      <ul>
        <xsl:for-each select="*">
          <li>
            <a href="{$base}{local-name()}={@id}"><xsl:value-of select="name"/></a>
            <xsl:if test="partner">
              <xsl:text> </xsl:text>
              <span class="meta"><xsl:value-of select="partner"/></span>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:choose>
        <xsl:when test="@all-url">
          <p><a href="{@all-url}"><xsl:call-template name="t"><xsl:with-param name="k" select="'lookup.more'"/></xsl:call-template></a></p>
        </xsl:when>
        <xsl:when test="@total &gt; count(*)">
          <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'lookup.first_shown'"/></xsl:call-template></p>
        </xsl:when>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- Previous / page N of M / next, keeping the list's filters. -->
  <xsl:template name="pager">
    <xsl:param name="p" select="(pager | */pager)[1]"/>
    <xsl:if test="$p/@pages &gt; 1">
      <nav class="pager">
        <xsl:attribute name="aria-label">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'pager.label'"/></xsl:call-template>
        </xsl:attribute>
        <!-- A list paged by cursors (newer-url, older-url) links them;
             any other by page number. -->
        <xsl:choose>
          <xsl:when test="$p/@newer-url">
            <a rel="prev" href="{$p/@newer-url}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'pager.previous'"/></xsl:call-template>
            </a>
          </xsl:when>
          <xsl:when test="$p/@page &gt; 1 and not($p/@older-url)">
            <a rel="prev" href="{$p/@base-url}page={$p/@page - 1}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'pager.previous'"/></xsl:call-template>
            </a>
          </xsl:when>
        </xsl:choose>
        <span>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'pager.page'"/></xsl:call-template>
          <xsl:value-of select="concat(' ', $p/@page, ' / ', $p/@pages)"/>
        </span>
        <xsl:choose>
          <xsl:when test="$p/@older-url">
            <a rel="next" href="{$p/@older-url}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'pager.next'"/></xsl:call-template>
            </a>
          </xsl:when>
          <xsl:when test="$p/@page &lt; $p/@pages and not($p/@newer-url)">
            <a rel="next" href="{$p/@base-url}page={$p/@page + 1}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'pager.next'"/></xsl:call-template>
            </a>
          </xsl:when>
        </xsl:choose>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The errors of one field, beside it (a span: fields sit in a p). -->
  <xsl:template name="field-errors">
    <xsl:param name="name"/>
    <xsl:for-each select="/page/errors/error[@field = $name]">
      <span class="field-error" id="error-{$name}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('error.', @rule)"/></xsl:call-template>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- The file input of a form that takes files (multipart, "file"
       repeatable), with its errors beside it.  A browser cannot fill
       it in again: a form that came back asks for the files anew. -->
  <xsl:template name="file-input">
    <xsl:param name="id"/>
    <xsl:param name="errors" select="true()"/>
    <p class="field files">
      <label for="{$id}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'files.label'"/></xsl:call-template>
      </label>
      <input type="file" id="{$id}" name="file" multiple="multiple" aria-describedby="{$id}-hint"/>
      <span class="hint" id="{$id}-hint">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'files.hint'"/></xsl:call-template>
      </span>
      <xsl:if test="$errors">
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'file'"/></xsl:call-template>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- The files that came with a timeline entry, each a download. -->
  <xsl:template name="attachments">
    <xsl:if test="attachment">
      <ul class="attachments">
        <xsl:attribute name="aria-label">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'files.list'"/></xsl:call-template>
        </xsl:attribute>
        <xsl:for-each select="attachment">
          <li>
            <a href="/requests/{ancestor::request/@id}/attachments/{@id}" download="">
              <xsl:value-of select="@name"/>
            </a>
            <xsl:text> (</xsl:text>
            <xsl:choose>
              <xsl:when test="@size &lt; 1048576">
                <xsl:value-of select="concat(ceiling(@size div 1024), ' KB')"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat(format-number(@size div 1048576, '0.0'), ' MB')"/>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:text>)</xsl:text>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- Above a form that came back: how many fields need attention (a
       list's filter saves nothing, and says so otherwise). -->
  <xsl:template name="error-summary">
    <xsl:if test="/page/errors/error">
      <div class="notice error" role="alert">
        <p>
          <xsl:choose>
            <xsl:when test="/page/errors/@of = 'filter'"><xsl:call-template name="t"><xsl:with-param name="k" select="'error.summary.filter'"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'error.summary'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </p>
        <ul>
          <xsl:for-each select="/page/errors/error">
            <li>
              <!-- A field defined as data (a topic's own) carries its
                   label in the model; the others' are messages. -->
              <xsl:variable name="defined" select="/page//field[@name = current()/@field]"/>
              <a href="#{@field}">
                <xsl:choose>
                  <xsl:when test="$defined"><xsl:value-of select="$defined[1]/label[@lang = $pd-lang]"/></xsl:when>
                  <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="concat('field.', @field)"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </a>
              <xsl:text>: </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat('error.', @rule)"/></xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
