<?xml version="1.0" encoding="UTF-8"?>
<!-- The request page: header, facts, description, the timeline (notes
     apart from status events, internal notes marked), and the forms of
     the steps the model's <may action> list says the reader may take. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="work-forms.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="concat('#', request/@id, ' ', request/title)"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:apply-templates select="request"/>
  </xsl:template>

  <xsl:template match="request">
    <xsl:if test="@submitted = 'yes'">
      <div class="notice success" role="status">
        <p>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'request.submitted_pre'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <strong><xsl:value-of select="@id"/></strong>
          <xsl:text> </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'request.submitted_post'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'request.contact_you'"/></xsl:call-template>
        </p>
      </div>
    </xsl:if>
    <header class="request-head">
      <h1>
        <span class="request-id"><xsl:value-of select="concat('#', @id)"/></span>
        <xsl:text> </xsl:text>
        <xsl:value-of select="title"/>
      </h1>
      <p class="badges">
        <xsl:call-template name="status-badge"><xsl:with-param name="status" select="@status"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="@severity"/></xsl:call-template>
      </p>
    </header>
    <xsl:call-template name="request-facts"/>
    <section class="description">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'request.description'"/></xsl:call-template></h2>
      <p class="text"><xsl:value-of select="description"/></p>
    </section>
    <section class="timeline">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'request.timeline'"/></xsl:call-template></h2>
      <ol class="timeline">
        <xsl:apply-templates select="note | event"/>
      </ol>
    </section>
    <xsl:call-template name="request-forms"/>
  </xsl:template>

  <xsl:template name="request-facts">
    <dl class="facts">
      <xsl:for-each select="incident">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.incident'"/></xsl:call-template></dt>
        <dd>
          <a href="/health/incidents/{@id}"><xsl:value-of select="title"/></a>
          <xsl:text> </xsl:text>
          <span class="badge health-{@status}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.', @status)"/></xsl:call-template>
          </span>
          <xsl:if test="resolved">
            <xsl:text> · </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.incident_resolved'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:for-each select="resolved"><xsl:call-template name="time"/></xsl:for-each>
          </xsl:if>
        </dd>
      </xsl:for-each>
      <xsl:if test="partner">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.partner'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="partner"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.partner_support'"/></xsl:call-template></dt>
        <dd class="partner-support">
          <xsl:for-each select="partner-support/*[. != '']">
            <xsl:if test="position() &gt; 1"><xsl:text> · </xsl:text></xsl:if>
            <xsl:choose>
              <xsl:when test="self::email"><a href="mailto:{.}"><xsl:value-of select="."/></a></xsl:when>
              <xsl:when test="self::website and starts-with(., 'https://')"><a href="{.}"><xsl:value-of select="."/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </dd>
      </xsl:if>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.customer'"/></xsl:call-template></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="customer">
            <a href="/customers/{customer/@id}"><xsl:value-of select="customer/name"/></a>
            <xsl:text> (</xsl:text><xsl:value-of select="customer/domain"/><xsl:text>)</xsl:text>
            <xsl:if test="customer/@premium = 'yes'">
              <xsl:text> </xsl:text>
              <span class="badge premium">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'request.premium'"/></xsl:call-template>
              </span>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.partner_request'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.service'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="service/name"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.topic'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="topic/name"/></dd>
      <!-- The topic's own fields: their labels are data, in each language. -->
      <xsl:for-each select="answer">
        <dt><xsl:value-of select="label[@lang = $pd-lang]"/></dt>
        <dd><xsl:value-of select="value"/></dd>
      </xsl:for-each>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.contact'"/></xsl:call-template></dt>
      <dd>
        <xsl:value-of select="contact/name"/>
        <xsl:text> · </xsl:text>
        <xsl:value-of select="contact/email"/>
        <xsl:text> · </xsl:text>
        <xsl:value-of select="contact/phone"/>
        <br/>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('request.method.', contact/@method)"/></xsl:call-template>
        <xsl:text> · </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('request.lang.', contact/@lang)"/></xsl:call-template>
      </dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.created'"/></xsl:call-template></dt>
      <dd><xsl:for-each select="created"><xsl:call-template name="time"/></xsl:for-each></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.updated'"/></xsl:call-template></dt>
      <dd><xsl:for-each select="updated"><xsl:call-template name="time"/></xsl:for-each></dd>
      <xsl:if test="closed">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.closed'"/></xsl:call-template></dt>
        <dd><xsl:for-each select="closed"><xsl:call-template name="time"/></xsl:for-each></dd>
      </xsl:if>
      <xsl:if test="reopen-until">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'request.reopen_until'"/></xsl:call-template></dt>
        <dd><xsl:for-each select="reopen-until"><xsl:call-template name="time"/></xsl:for-each></dd>
      </xsl:if>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'sla.response'"/></xsl:call-template></dt>
      <dd>
        <span class="badge sla-{sla/@state}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('sla.', sla/@state)"/></xsl:call-template>
        </span>
        <xsl:if test="@due and sla/@state = 'running'">
          <xsl:text> </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'sla.due'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="utc-time"><xsl:with-param name="utc" select="@due"/></xsl:call-template>
          <xsl:if test="sla/@left-minutes &gt;= 0">
            <xsl:value-of select="concat(' (', floor(sla/@left-minutes div 60), ' h ', sla/@left-minutes mod 60, ' min)')"/>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="@breached = 'yes'">
              <xsl:text> </xsl:text>
              <span class="badge severity-A sla-overdue"><xsl:call-template name="t"><xsl:with-param name="k" select="'sla.breached'"/></xsl:call-template></span>
            </xsl:when>
            <xsl:when test="@due-soon = 'yes'">
              <xsl:text> </xsl:text>
              <span class="badge severity-B sla-warning"><xsl:call-template name="t"><xsl:with-param name="k" select="'sla.soon'"/></xsl:call-template></span>
            </xsl:when>
          </xsl:choose>
        </xsl:if>
      </dd>
      <xsl:if test="clock">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'clock.clocks'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="clocks"/></dd>
      </xsl:if>
    </dl>
    <xsl:if test="flag">
      <div class="notice warning" role="note">
        <p>
          <strong><xsl:call-template name="t"><xsl:with-param name="k" select="'flag.flagged'"/></xsl:call-template></strong>
          <xsl:text> </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('flag.', flag/@reason)"/></xsl:call-template>
        </p>
        <p class="text"><xsl:value-of select="flag/comment"/></p>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Who and when, the head of every timeline entry. -->
  <xsl:template name="request-byline">
    <p class="byline">
      <strong><xsl:value-of select="author/name"/></strong>
      <xsl:if test="author/@side = 'operator'">
        <xsl:text> </xsl:text>
        <span class="badge operator">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'request.operator'"/></xsl:call-template>
        </span>
      </xsl:if>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="time"><xsl:with-param name="utc" select="@at"/></xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template match="note">
    <li id="e{@id}" class="note {@visibility}">
      <xsl:if test="@visibility = 'internal'">
        <p class="internal-flag">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'request.internal_note'"/></xsl:call-template>
        </p>
      </xsl:if>
      <xsl:call-template name="request-byline"/>
      <p class="text"><xsl:value-of select="text"/></p>
      <xsl:call-template name="attachments"/>
    </li>
  </xsl:template>

  <xsl:template match="event">
    <li id="e{@id}" class="event {@kind}">
      <p class="what">
        <xsl:choose>
          <xsl:when test="@kind = 'status'">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.status_changed'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:call-template name="status-badge"><xsl:with-param name="status" select="from"/></xsl:call-template>
            <xsl:text> → </xsl:text>
            <xsl:call-template name="status-badge"><xsl:with-param name="status" select="to"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="@kind = 'severity'">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.event.severity'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="from"/></xsl:call-template>
            <xsl:text> → </xsl:text>
            <xsl:call-template name="severity-badge"><xsl:with-param name="sev" select="to"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="@kind = 'flag'">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.event.flag'"/></xsl:call-template>
            <xsl:text>: </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('flag.', to)"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="@kind = 'incident' and not(string(to))">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.incident_unlinked'"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="@kind = 'incident' or @kind = 'incident_resolved'">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('request.event.', @kind)"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <a href="/health/incidents/{to}"><xsl:value-of select="concat('#', to)"/></a>
          </xsl:when>
          <xsl:when test="@kind = 'contact'">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.event.contact'"/></xsl:call-template>
            <xsl:text> (</xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('work.method.', to)"/></xsl:call-template>
            <xsl:text>)</xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('request.event.', @kind)"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:call-template name="request-byline"/>
      <xsl:if test="text">
        <p class="text"><xsl:value-of select="text"/></p>
      </xsl:if>
      <xsl:call-template name="attachments"/>
    </li>
  </xsl:template>

  <!-- The forms of the steps the reader may take; the form a 422 came
       from shows its errors and what was typed into it. -->
  <xsl:template name="request-forms">
    <xsl:variable name="draft" select="/page/draft"/>
    <xsl:if test="may[@action = 'notes']">
        <section class="add-note">
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'request.add_note'"/></xsl:call-template></h2>
          <form method="post" action="/requests/{@id}/notes" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <label for="note-text">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'request.note_text'"/></xsl:call-template>
            </label>
            <textarea id="note-text" name="text" rows="5" maxlength="20000" required="required">
              <xsl:value-of select="$draft[@action = 'notes']/text"/>
            </textarea>
            <xsl:if test="$draft/@action = 'notes'">
              <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'text'"/></xsl:call-template>
            </xsl:if>
            <xsl:call-template name="file-input">
              <xsl:with-param name="id" select="'note-files'"/>
              <xsl:with-param name="errors" select="$draft/@action = 'notes'"/>
            </xsl:call-template>
            <xsl:if test="may[@action = 'internal']">
              <fieldset class="visibility">
                <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'request.visibility'"/></xsl:call-template></legend>
                <label>
                  <input type="radio" name="visibility" value="public">
                    <xsl:if test="not($draft/@visibility = 'internal')">
                      <xsl:attribute name="checked">checked</xsl:attribute>
                    </xsl:if>
                  </input>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'request.visibility.public'"/></xsl:call-template>
                </label>
                <label>
                  <input type="radio" name="visibility" value="internal">
                    <xsl:if test="$draft/@visibility = 'internal'">
                      <xsl:attribute name="checked">checked</xsl:attribute>
                    </xsl:if>
                  </input>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'request.visibility.internal'"/></xsl:call-template>
                </label>
                <xsl:if test="$draft/@action = 'notes'">
                  <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'visibility'"/></xsl:call-template>
                </xsl:if>
              </fieldset>
            </xsl:if>
            <button type="submit">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'request.add_note'"/></xsl:call-template>
            </button>
          </form>
        </section>
    </xsl:if>
    <xsl:if test="may[@action = 'close']">
        <section class="close">
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'request.close'"/></xsl:call-template></h2>
          <form method="post" action="/requests/{@id}/close">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <label for="close-text">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'request.resolution'"/></xsl:call-template>
            </label>
            <textarea id="close-text" name="text" rows="2" maxlength="20000">
              <xsl:value-of select="$draft[@action = 'close']/text"/>
            </textarea>
            <xsl:if test="$draft/@action = 'close'">
              <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'text'"/></xsl:call-template>
            </xsl:if>
            <xsl:if test="may[@action = 'resolution']">
              <label for="resolution">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'request.resolution_code'"/></xsl:call-template>
              </label>
              <select id="resolution" name="resolution" required="required">
                <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'request.choose'"/></xsl:call-template></option>
                <xsl:call-template name="resolution-option"><xsl:with-param name="v" select="'solved'"/></xsl:call-template>
                <xsl:call-template name="resolution-option"><xsl:with-param name="v" select="'workaround'"/></xsl:call-template>
                <xsl:call-template name="resolution-option"><xsl:with-param name="v" select="'no_fault_found'"/></xsl:call-template>
                <xsl:call-template name="resolution-option"><xsl:with-param name="v" select="'duplicate'"/></xsl:call-template>
                <xsl:call-template name="resolution-option"><xsl:with-param name="v" select="'partner_withdrew'"/></xsl:call-template>
                <xsl:call-template name="resolution-option"><xsl:with-param name="v" select="'out_of_scope'"/></xsl:call-template>
              </select>
              <xsl:if test="$draft/@action = 'close'">
                <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'resolution'"/></xsl:call-template>
              </xsl:if>
            </xsl:if>
            <button type="submit" class="secondary">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'request.close'"/></xsl:call-template>
            </button>
          </form>
        </section>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="may[@action = 'reopen']">
        <section class="reopen">
          <form method="post" action="/requests/{@id}/reopen">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <p>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'request.reopen_hint'"/></xsl:call-template>
            </p>
            <button type="submit">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'request.reopen'"/></xsl:call-template>
            </button>
          </form>
        </section>
      </xsl:when>
      <xsl:when test="@status = 'closed'">
        <p class="hint">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'request.closed_for_good'"/></xsl:call-template>
        </p>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="may[@action = 'status']">
      <section class="set-status">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'request.set_status'"/></xsl:call-template></h2>
        <form method="post" action="/requests/{@id}/status">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <label for="status-status">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.new_status'"/></xsl:call-template>
          </label>
          <select id="status-status" name="status">
            <xsl:call-template name="request-status-option"><xsl:with-param name="value" select="'open'"/></xsl:call-template>
            <xsl:call-template name="request-status-option"><xsl:with-param name="value" select="'attention_needed'"/></xsl:call-template>
          </select>
          <xsl:if test="$draft/@action = 'status'">
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'status'"/></xsl:call-template>
          </xsl:if>
          <label for="status-text">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.status_reason'"/></xsl:call-template>
          </label>
          <textarea id="status-text" name="text" rows="2" maxlength="20000">
            <xsl:value-of select="$draft[@action = 'status']/text"/>
          </textarea>
          <xsl:if test="$draft/@action = 'status'">
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'text'"/></xsl:call-template>
          </xsl:if>
          <button type="submit">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'request.set_status'"/></xsl:call-template>
          </button>
        </form>
      </section>
    </xsl:if>
    <xsl:if test="may[@action = 'contacts' or @action = 'severity']">
      <section class="work">
        <xsl:if test="may[@action = 'contacts']">
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'work.contacts'"/></xsl:call-template></h2>
          <xsl:call-template name="work-form"><xsl:with-param name="action" select="'contacts'"/><xsl:with-param name="id" select="@id"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="may[@action = 'severity']">
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'work.severity'"/></xsl:call-template></h2>
          <xsl:call-template name="work-form"><xsl:with-param name="action" select="'severity'"/><xsl:with-param name="id" select="@id"/></xsl:call-template>
        </xsl:if>
      </section>
    </xsl:if>
    <xsl:if test="may[@action = 'unflag']">
      <section class="work">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'work.unflag'"/></xsl:call-template></h2>
        <xsl:call-template name="work-form"><xsl:with-param name="action" select="'unflag'"/><xsl:with-param name="id" select="@id"/></xsl:call-template>
      </section>
    </xsl:if>
    <xsl:if test="may[@action = 'flag']">
      <section class="work">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'work.flag'"/></xsl:call-template></h2>
        <xsl:call-template name="work-form"><xsl:with-param name="action" select="'flag'"/><xsl:with-param name="id" select="@id"/></xsl:call-template>
      </section>
    </xsl:if>
    <xsl:if test="may[@action = 'incident']">
      <section class="work">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'work.incident'"/></xsl:call-template></h2>
        <xsl:call-template name="work-form"><xsl:with-param name="action" select="'incident'"/><xsl:with-param name="id" select="@id"/></xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="resolution-option">
    <xsl:param name="v"/>
    <option value="{$v}">
      <xsl:if test="/page/draft[@action = 'close']/@resolution = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('resolution.', $v)"/></xsl:call-template>
    </option>
  </xsl:template>

  <!-- A status choice: the one sent back, else the current one. -->
  <xsl:template name="request-status-option">
    <xsl:param name="value"/>
    <xsl:variable name="draft" select="/page/draft[@action = 'status']/@status"/>
    <option value="{$value}">
      <xsl:if test="($draft and $draft = $value) or (not($draft) and /page/request/@status = $value)">
        <xsl:attribute name="selected">selected</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('status.', $value)"/></xsl:call-template>
    </option>
  </xsl:template>
</xsl:stylesheet>
