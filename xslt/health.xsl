<?xml version="1.0" encoding="UTF-8"?>
<!-- Service health: every service (or one customer's) with its state and
     active incidents, then the incidents' history; one service with its
     last 30 days; one incident with its updates, its linked requests and
     the forms of the steps the reader may take (<may action>, decided by
     the server); the operator admin's form to post an incident. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:variable name="draft" select="/page/draft"/>
  <!-- /health/ID: one service. -->
  <xsl:variable name="one" select="starts-with(/page/@path, '/health/') and not(/page/health/incident or /page/health/new-incident)"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="health/incident"><xsl:value-of select="health/incident/title"/></xsl:when>
      <xsl:when test="health/new-incident"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.new'"/></xsl:call-template></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.health'"/></xsl:call-template>
        <xsl:if test="$one"><xsl:value-of select="concat(': ', health/service/name)"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:if test="$one or health/incident or health/new-incident">
      <p><a href="/health"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.all_services'"/></xsl:call-template></a></p>
    </xsl:if>
    <h1>
      <xsl:apply-templates select="." mode="title"/>
      <xsl:if test="health/customer"><xsl:value-of select="concat(' — ', health/customer/name)"/></xsl:if>
    </h1>
    <xsl:choose>
      <xsl:when test="health/incident"><xsl:apply-templates select="health/incident" mode="page"/></xsl:when>
      <xsl:when test="health/new-incident"><xsl:apply-templates select="health/new-incident"/></xsl:when>
      <xsl:otherwise>
        <xsl:if test="health/may[@action = 'new-incident']">
          <p><a class="button" href="/health/incidents/new"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.new'"/></xsl:call-template></a></p>
        </xsl:if>
        <xsl:apply-templates select="health/service"/>
        <xsl:apply-templates select="health/history"/>
        <xsl:apply-templates select="health/feed"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="health-badge">
    <xsl:param name="h" select="@status"/>
    <span class="badge health-{$h}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.', $h)"/></xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template match="service">
    <section class="service-health">
      <h2>
        <xsl:choose>
          <xsl:when test="$one"><xsl:value-of select="name"/></xsl:when>
          <xsl:otherwise><a href="/health/{@id}"><xsl:value-of select="name"/></a></xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:call-template name="health-badge"/>
      </h2>
      <xsl:choose>
        <xsl:when test="incident">
          <ul class="incidents">
            <xsl:apply-templates select="incident" mode="item"/>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.no_incidents'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- One incident in a list: its title links to its page. -->
  <xsl:template match="incident" mode="item">
    <li>
      <a href="/health/incidents/{@id}"><strong><xsl:value-of select="title"/></strong></a>
      <xsl:text> </xsl:text>
      <xsl:call-template name="health-badge"><xsl:with-param name="h" select="@status"/></xsl:call-template>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.kind.', @kind)"/></xsl:call-template>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'health.since'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:for-each select="started"><xsl:call-template name="time"/></xsl:for-each>
      <xsl:if test="resolved">
        <xsl:text> · </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'health.resolved'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:for-each select="resolved"><xsl:call-template name="time"/></xsl:for-each>
      </xsl:if>
      <xsl:if test="services/service">
        <xsl:text> · </xsl:text>
        <xsl:for-each select="services/service">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="name"/>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="linked/@total &gt; 0">
        <xsl:text> · </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'health.linked_count'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', linked/@open)"/>
      </xsl:if>
      <xsl:if test="normalize-space(impact)"><p><xsl:value-of select="impact"/></p></xsl:if>
    </li>
  </xsl:template>

  <!-- The Atom feeds: the reader's, and the public one when it is on;
       the operator admin's switch. -->
  <xsl:template match="feed">
    <section class="feed">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'health.feed'"/></xsl:call-template></h2>
      <p>
        <a href="/health/feed" type="application/atom+xml"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.feed_yours'"/></xsl:call-template></a>
        <xsl:if test="@public = 'yes'">
          <xsl:text> · </xsl:text>
          <a href="/health/feed/public" type="application/atom+xml"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.feed_public'"/></xsl:call-template></a>
        </xsl:if>
      </p>
      <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.feed_hint'"/></xsl:call-template></p>
      <xsl:if test="may[@action = 'public']">
        <form method="post" action="/health/feed/public">
          <xsl:call-template name="csrf-field"/>
          <xsl:choose>
            <xsl:when test="@public = 'yes'">
              <input type="hidden" name="public" value="no"/>
              <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.feed_close'"/></xsl:call-template></button></p>
            </xsl:when>
            <xsl:otherwise>
              <input type="hidden" name="public" value="yes"/>
              <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.feed_open'"/></xsl:call-template></button></p>
            </xsl:otherwise>
          </xsl:choose>
        </form>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The history, filtered and paged. -->
  <xsl:template match="history">
    <section class="history">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'health.history'"/></xsl:call-template></h2>
      <xsl:variable name="base">
        <xsl:text>/health?</xsl:text>
        <xsl:if test="../customer"><xsl:value-of select="concat('customer=', ../customer/@id, '&amp;')"/></xsl:if>
      </xsl:variable>
      <nav class="tabs">
        <a href="{$base}">
          <xsl:if test="not(@resolved)"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'health.show_all'"/></xsl:call-template>
        </a>
        <a href="{$base}resolved=no">
          <xsl:if test="@resolved = 'no'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'health.show_active'"/></xsl:call-template>
        </a>
        <a href="{$base}resolved=yes">
          <xsl:if test="@resolved = 'yes'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'health.show_resolved'"/></xsl:call-template>
        </a>
      </nav>
      <xsl:choose>
        <xsl:when test="incident">
          <ul class="incidents"><xsl:apply-templates select="incident" mode="item"/></ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.no_incidents'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="pager"><xsl:with-param name="p" select="pager"/></xsl:call-template>
    </section>
  </xsl:template>

  <!-- One incident's page. -->
  <xsl:template match="incident" mode="page">
    <p>
      <xsl:call-template name="health-badge"><xsl:with-param name="h" select="@status"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.kind.', @kind)"/></xsl:call-template>
      <xsl:if test="resolved">
        <xsl:text> · </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'health.resolved'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:for-each select="resolved"><xsl:call-template name="time"/></xsl:for-each>
      </xsl:if>
    </p>
    <dl class="facts">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'health.services'"/></xsl:call-template></dt>
      <dd>
        <xsl:for-each select="services/service">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <a href="/health/{@id}"><xsl:value-of select="name"/></a>
        </xsl:for-each>
      </dd>
      <xsl:if test="normalize-space(area)">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.area'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="area"/></dd>
      </xsl:if>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.starts'"/></xsl:call-template></dt>
      <dd><xsl:for-each select="started"><xsl:call-template name="time"/></xsl:for-each></dd>
      <xsl:if test="expected-end">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.ends'"/></xsl:call-template></dt>
        <dd><xsl:for-each select="expected-end"><xsl:call-template name="time"/></xsl:for-each></dd>
      </xsl:if>
    </dl>

    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'health.updates'"/></xsl:call-template></h2>
    <ol class="timeline">
      <xsl:for-each select="updates/update">
        <li>
          <p class="meta">
            <xsl:call-template name="time"><xsl:with-param name="utc" select="@at"/></xsl:call-template>
            <xsl:if test="author"><xsl:value-of select="concat(' · ', author)"/></xsl:if>
            <xsl:if test="@status">
              <xsl:text> · </xsl:text>
              <xsl:call-template name="health-badge"><xsl:with-param name="h" select="@status"/></xsl:call-template>
            </xsl:if>
            <xsl:if test="@resolves = 'yes'">
              <xsl:text> · </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'health.final'"/></xsl:call-template>
            </xsl:if>
            <xsl:if test="expected-end">
              <xsl:text> · </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'field.ends'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:for-each select="expected-end"><xsl:call-template name="time"/></xsl:for-each>
            </xsl:if>
          </p>
          <p class="body"><xsl:value-of select="text"/></p>
        </li>
      </xsl:for-each>
    </ol>

    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'health.linked'"/></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="linked/request">
        <ul class="linked">
          <xsl:for-each select="linked/request">
            <li>
              <a href="/requests/{@id}"><xsl:value-of select="concat('#', @id, ' ', title)"/></a>
              <xsl:text> </xsl:text>
              <xsl:call-template name="status-badge"><xsl:with-param name="status" select="@status"/></xsl:call-template>
              <xsl:if test="partner"><xsl:value-of select="concat(' · ', partner)"/></xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.no_linked'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:if test="may[@action = 'update']">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'health.post_update'"/></xsl:call-template></h2>
      <form method="post" action="/health/incidents/{@id}/updates" class="incident-update">
        <xsl:call-template name="csrf-field"/>
        <xsl:variable name="d" select="$draft[@action = 'update']"/>
        <p class="field">
          <label for="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.text'"/></xsl:call-template></label>
          <textarea id="text" name="text" rows="4" maxlength="20000" required="required"><xsl:value-of select="$d/text"/></textarea>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'text'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.new_status'"/></xsl:call-template></label>
          <select id="status" name="status">
            <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'health.unchanged'"/></xsl:call-template></option>
            <xsl:call-template name="status-options"><xsl:with-param name="chosen" select="$d/status"/></xsl:call-template>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'status'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="ends"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.ends'"/></xsl:call-template></label>
          <input type="datetime-local" id="ends" name="ends" value="{$d/ends}"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'ends'"/></xsl:call-template>
        </p>
        <xsl:if test="may[@action = 'resolve']">
          <p class="field">
            <input type="checkbox" id="resolved" name="resolved" value="yes"/>
            <xsl:text> </xsl:text>
            <label for="resolved"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.resolve'"/></xsl:call-template></label>
          </p>
        </xsl:if>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.post_update'"/></xsl:call-template></button></p>
      </form>
    </xsl:if>

    <xsl:if test="may[@action = 'close']">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'health.close_requests'"/></xsl:call-template></h2>
      <form method="post" action="/health/incidents/{@id}/close" class="close-linked">
        <xsl:call-template name="csrf-field"/>
        <xsl:variable name="d" select="$draft[@action = 'close']"/>
        <p class="field">
          <label for="resolution"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.resolution'"/></xsl:call-template></label>
          <select id="resolution" name="resolution" required="required">
            <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'health.choose'"/></xsl:call-template></option>
            <xsl:call-template name="option"><xsl:with-param name="value" select="'solved'"/><xsl:with-param name="current" select="$d/resolution"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'resolution.solved'"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="option"><xsl:with-param name="value" select="'workaround'"/><xsl:with-param name="current" select="$d/resolution"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'resolution.workaround'"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="option"><xsl:with-param name="value" select="'no_fault_found'"/><xsl:with-param name="current" select="$d/resolution"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'resolution.no_fault_found'"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="option"><xsl:with-param name="value" select="'duplicate'"/><xsl:with-param name="current" select="$d/resolution"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'resolution.duplicate'"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="option"><xsl:with-param name="value" select="'partner_withdrew'"/><xsl:with-param name="current" select="$d/resolution"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'resolution.partner_withdrew'"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="option"><xsl:with-param name="value" select="'out_of_scope'"/><xsl:with-param name="current" select="$d/resolution"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'resolution.out_of_scope'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'resolution'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="close-text"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.text'"/></xsl:call-template></label>
          <textarea id="close-text" name="text" rows="3" maxlength="20000"><xsl:value-of select="$d/text"/></textarea>
        </p>
        <p>
          <button type="submit">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'health.close_requests'"/></xsl:call-template>
            <xsl:value-of select="concat(' (', linked/@open, ')')"/>
          </button>
        </p>
      </form>
    </xsl:if>
  </xsl:template>

  <!-- Posting an incident. -->
  <xsl:template match="new-incident">
    <xsl:variable name="d" select="$draft"/>
    <form method="post" action="/health/incidents" class="incident-new">
      <xsl:call-template name="csrf-field"/>
      <fieldset id="service">
        <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'health.services'"/></xsl:call-template></legend>
        <xsl:for-each select="services/service">
          <p>
            <input type="checkbox" id="service-{@id}" name="service" value="{@id}">
              <xsl:if test="$d/service = @id"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <xsl:text> </xsl:text>
            <label for="service-{@id}"><xsl:value-of select="name"/></label>
          </p>
        </xsl:for-each>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'service'"/></xsl:call-template>
      </fieldset>
      <p class="field">
        <label for="title"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.title'"/></xsl:call-template></label>
        <input type="text" id="title" name="title" value="{$d/title}" maxlength="200" required="required"/>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'title'"/></xsl:call-template>
      </p>
      <p class="field">
        <label for="kind"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.kind'"/></xsl:call-template></label>
        <select id="kind" name="kind">
          <xsl:call-template name="option"><xsl:with-param name="value" select="'incident'"/><xsl:with-param name="current" select="$d/kind"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.kind.incident'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'advisory'"/><xsl:with-param name="current" select="$d/kind"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.kind.advisory'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="value" select="'maintenance'"/><xsl:with-param name="current" select="$d/kind"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.kind.maintenance'"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </select>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'kind'"/></xsl:call-template>
      </p>
      <p class="field">
        <label for="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.status'"/></xsl:call-template></label>
        <select id="status" name="status">
          <xsl:call-template name="status-options"><xsl:with-param name="chosen" select="$d/status"/></xsl:call-template>
        </select>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'status'"/></xsl:call-template>
      </p>
      <p class="field">
        <label for="area"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.area'"/></xsl:call-template></label>
        <input type="text" id="area" name="area" value="{$d/area}" maxlength="200"/>
        <span class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.area_hint'"/></xsl:call-template></span>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'area'"/></xsl:call-template>
      </p>
      <p class="field">
        <label for="starts"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.starts'"/></xsl:call-template></label>
        <input type="datetime-local" id="starts" name="starts" value="{$d/starts}"/>
        <span class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.starts_hint'"/></xsl:call-template></span>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'starts'"/></xsl:call-template>
      </p>
      <p class="field">
        <label for="ends"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.ends'"/></xsl:call-template></label>
        <input type="datetime-local" id="ends" name="ends" value="{$d/ends}"/>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'ends'"/></xsl:call-template>
      </p>
      <p class="field">
        <label for="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.first_message'"/></xsl:call-template></label>
        <textarea id="text" name="text" rows="4" maxlength="20000" required="required"><xsl:value-of select="$d/text"/></textarea>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'text'"/></xsl:call-template>
      </p>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.new'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <xsl:template name="status-options">
    <xsl:param name="chosen"/>
    <xsl:call-template name="option"><xsl:with-param name="value" select="'information'"/><xsl:with-param name="current" select="$chosen"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.information'"/></xsl:call-template></xsl:with-param></xsl:call-template>
    <xsl:call-template name="option"><xsl:with-param name="value" select="'warning'"/><xsl:with-param name="current" select="$chosen"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.warning'"/></xsl:call-template></xsl:with-param></xsl:call-template>
    <xsl:call-template name="option"><xsl:with-param name="value" select="'critical'"/><xsl:with-param name="current" select="$chosen"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.critical'"/></xsl:call-template></xsl:with-param></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
