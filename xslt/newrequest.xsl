<?xml version="1.0" encoding="UTF-8"?>
<!-- A new request in three steps: pick the service, the self-help
     hand-off, the service-request form (which comes back with 422, its
     values kept and each error beside its field). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:variable name="nr" select="/page/new-request"/>
  <xsl:variable name="draft" select="$nr/draft"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('newrequest.title.', $nr/@step)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <p class="crumbs">
      <xsl:choose>
        <xsl:when test="$nr/customer">
          <a href="/customers/{$nr/customer/@id}"><xsl:value-of select="$nr/customer/name"/></a>
          <xsl:text> (</xsl:text><xsl:value-of select="$nr/customer/domain"/><xsl:text>)</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.partner_scope'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$nr/service">
        <xsl:text> › </xsl:text><xsl:value-of select="$nr/service/name"/>
      </xsl:if>
    </p>
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="concat('newrequest.title.', $nr/@step)"/></xsl:call-template></h1>
    <xsl:apply-templates select="$nr"/>
  </xsl:template>

  <!-- Step 1: the customer's services. -->
  <xsl:template match="new-request[@step = 'service']">
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.pick_service'"/></xsl:call-template></p>
    <ul class="services">
      <xsl:for-each select="services/service">
        <li>
          <a href="/requests/new?customer={../../customer/@id}&amp;service={@id}"><xsl:value-of select="name"/></a>
          <xsl:text> </xsl:text>
          <span class="badge health-{@status}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.', @status)"/></xsl:call-template>
          </span>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- Step 2: help yourself first; two ways out. -->
  <xsl:template match="new-request[@step = 'handoff']">
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.handoff_intro'"/></xsl:call-template></p>
    <!-- The service's active incidents first: the problem may be ours. -->
    <section class="health">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.health'"/></xsl:call-template></h2>
      <p>
        <span class="badge health-{service/@status}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.', service/@status)"/></xsl:call-template>
        </span>
        <xsl:text> </xsl:text>
        <a href="/health/{service/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.view_health'"/></xsl:call-template></a>
      </p>
      <xsl:choose>
        <xsl:when test="incidents/incident">
          <ul>
            <xsl:for-each select="incidents/incident">
              <li>
                <a href="/health/incidents/{@id}"><strong><xsl:value-of select="title"/></strong></a>
                <xsl:text> · </xsl:text>
                <xsl:for-each select="started"><xsl:call-template name="time"/></xsl:for-each>
                <xsl:if test="normalize-space(impact)"><p><xsl:value-of select="impact"/></p></xsl:if>
                <!-- Ours too: file a request linked to it, or just follow it. -->
                <div class="actions">
                  <a class="button" href="/requests/new?customer={../../customer/@id}&amp;service={../../service/@id}&amp;step=form&amp;incident={@id}">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.our_problem'"/></xsl:call-template>
                  </a>
                  <xsl:text> </xsl:text>
                  <form method="post" action="/deflections" class="inline">
                    <xsl:call-template name="csrf-field"/>
                    <input type="hidden" name="customer" value="{../../customer/@id}"/>
                    <input type="hidden" name="service" value="{../../service/@id}"/>
                    <input type="hidden" name="incident" value="{@id}"/>
                    <button type="submit" class="secondary">
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.follow'"/></xsl:call-template>
                    </button>
                  </form>
                </div>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.no_incidents'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section class="admin">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.admin_center'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="service/admin-url">
          <p>
            <a class="button secondary" href="{service/admin-url}" rel="noopener noreferrer" target="_blank">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.administer'"/></xsl:call-template>
              <xsl:text> </xsl:text><xsl:value-of select="service/name"/>
            </a>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.no_admin'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section class="articles">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.articles'"/></xsl:call-template></h2>
      <ul>
        <xsl:for-each select="articles/article">
          <li><a href="{url}" hreflang="{@lang}" rel="noopener noreferrer" target="_blank"><xsl:value-of select="title"/></a></li>
        </xsl:for-each>
      </ul>
    </section>
    <section class="ways-out actions">
      <form method="post" action="/deflections" class="inline">
        <xsl:call-template name="csrf-field"/>
        <input type="hidden" name="customer" value="{customer/@id}"/>
        <input type="hidden" name="service" value="{service/@id}"/>
        <button type="submit" class="secondary">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.solved'"/></xsl:call-template>
        </button>
      </form>
      <xsl:text> </xsl:text>
      <a class="button" href="/requests/new?customer={customer/@id}&amp;service={service/@id}&amp;step=form">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.submit_request'"/></xsl:call-template>
      </a>
    </section>
  </xsl:template>

  <!-- Step 3: the service-request form. -->
  <xsl:template match="new-request[@step = 'form']">
    <form method="post" action="/requests" class="request-form" enctype="multipart/form-data">
      <xsl:call-template name="csrf-field"/>
      <xsl:choose>
        <xsl:when test="customer">
          <input type="hidden" name="customer" value="{customer/@id}"/>
        </xsl:when>
        <xsl:otherwise>
          <input type="hidden" name="scope" value="partner"/>
        </xsl:otherwise>
      </xsl:choose>
      <input type="hidden" name="service" value="{service/@id}"/>
      <xsl:if test="string(draft/incident)">
        <input type="hidden" name="incident" value="{draft/incident}"/>
      </xsl:if>

      <fieldset>
        <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.problem'"/></xsl:call-template></legend>
        <div class="field">
          <label for="topic"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.topic'"/></xsl:call-template></label>
          <select id="topic" name="topic" required="required">
            <xsl:call-template name="invalid"><xsl:with-param name="name" select="'topic'"/></xsl:call-template>
            <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.choose'"/></xsl:call-template></option>
            <xsl:for-each select="topics/topic">
              <option value="{@id}">
                <xsl:if test="@id = $draft/topic"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="name"/>
                <xsl:if test="@kind = 'billing' or @kind = 'fraud'">
                  <xsl:text> — </xsl:text>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="concat('newrequest.kind.', @kind)"/></xsl:call-template>
                </xsl:if>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'topic'"/></xsl:call-template>
        </div>
        <!-- Each topic's own fields (defined in the catalogue): only the
             chosen topic's are read, so none is required by the browser. -->
        <xsl:for-each select="topics/topic[field]">
          <fieldset class="topic-fields">
            <legend>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.for_topic'"/></xsl:call-template>
              <xsl:text> </xsl:text><xsl:value-of select="name"/>
            </legend>
            <xsl:for-each select="field"><xsl:call-template name="topic-field"/></xsl:for-each>
          </fieldset>
        </xsl:for-each>
        <xsl:call-template name="text-field">
          <xsl:with-param name="name" select="'title'"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="max" select="200"/>
        </xsl:call-template>
        <div class="field">
          <label for="description"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.description'"/></xsl:call-template></label>
          <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.hint.description'"/></xsl:call-template></p>
          <textarea id="description" name="description" rows="8" maxlength="20000" required="required">
            <xsl:call-template name="invalid"><xsl:with-param name="name" select="'description'"/></xsl:call-template>
            <xsl:value-of select="$draft/description"/>
          </textarea>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'description'"/></xsl:call-template>
        </div>
        <div class="field">
          <label for="started"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.started'"/></xsl:call-template></label>
          <input type="datetime-local" id="started" name="started" value="{$draft/started}">
            <xsl:call-template name="invalid"><xsl:with-param name="name" select="'started'"/></xsl:call-template>
          </input>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'started'"/></xsl:call-template>
        </div>
        <xsl:call-template name="file-input"><xsl:with-param name="id" select="'file'"/></xsl:call-template>
      </fieldset>

      <fieldset class="severity" id="severity">
        <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'field.severity'"/></xsl:call-template></legend>
        <xsl:call-template name="severity-choice"><xsl:with-param name="level" select="'A'"/></xsl:call-template>
        <xsl:call-template name="severity-choice"><xsl:with-param name="level" select="'B'"/></xsl:call-template>
        <xsl:call-template name="severity-choice"><xsl:with-param name="level" select="'C'"/></xsl:call-template>
        <p class="hint">
          <xsl:choose>
            <xsl:when test="customer/@premium = 'yes'">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.severity_rules_premium'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.severity_rules'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </p>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'severity'"/></xsl:call-template>
      </fieldset>

      <fieldset>
        <legend><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.contact'"/></xsl:call-template></legend>
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.hint.contact'"/></xsl:call-template></p>
        <xsl:call-template name="text-field">
          <xsl:with-param name="name" select="'contact_name'"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="max" select="200"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="name" select="'contact_email'"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="max" select="254"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="name" select="'contact_phone'"/>
          <xsl:with-param name="type" select="'tel'"/>
          <xsl:with-param name="max" select="40"/>
        </xsl:call-template>
        <div class="field">
          <label for="contact_method"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.contact_method'"/></xsl:call-template></label>
          <select id="contact_method" name="contact_method">
            <xsl:call-template name="option"><xsl:with-param name="value" select="'email'"/><xsl:with-param name="current" select="$draft/contact_method"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.method.email'"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="option"><xsl:with-param name="value" select="'phone'"/><xsl:with-param name="current" select="$draft/contact_method"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.method.phone'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'contact_method'"/></xsl:call-template>
        </div>
        <div class="field">
          <label for="contact_lang"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.contact_lang'"/></xsl:call-template></label>
          <select id="contact_lang" name="contact_lang">
            <xsl:call-template name="option"><xsl:with-param name="value" select="'zh'"/><xsl:with-param name="current" select="$draft/contact_lang"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.lang.zh'"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="option"><xsl:with-param name="value" select="'en'"/><xsl:with-param name="current" select="$draft/contact_lang"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.lang.en'"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="option"><xsl:with-param name="value" select="'it'"/><xsl:with-param name="current" select="$draft/contact_lang"/><xsl:with-param name="text"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.lang.it'"/></xsl:call-template></xsl:with-param></xsl:call-template>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'contact_lang'"/></xsl:call-template>
        </div>
      </fieldset>
      <p class="actions">
        <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.submit'"/></xsl:call-template></button>
      </p>
    </form>
  </xsl:template>

  <!-- A labelled one-line input with its value kept and its errors. -->
  <xsl:template name="text-field">
    <xsl:param name="name"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="required" select="false()"/>
    <xsl:param name="max" select="80"/>
    <xsl:param name="hint" select="''"/>
    <div class="field">
      <label for="{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('field.', $name)"/></xsl:call-template></label>
      <xsl:if test="$hint != ''">
        <p class="hint" id="hint-{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="$hint"/></xsl:call-template></p>
      </xsl:if>
      <input type="{$type}" id="{$name}" name="{$name}" maxlength="{$max}" value="{$draft/*[local-name() = $name]}">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$hint != ''"><xsl:attribute name="aria-describedby">hint-<xsl:value-of select="$name"/></xsl:attribute></xsl:if>
        <xsl:call-template name="invalid"><xsl:with-param name="name" select="$name"/></xsl:call-template>
      </input>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </div>
  </xsl:template>

  <!-- A topic's own field from its definition: the label in the
       reader's language, an input for its kind, the value kept. -->
  <xsl:template name="topic-field">
    <xsl:variable name="value" select="$draft/field[@id = current()/@id]"/>
    <div class="field">
      <label for="{@name}">
        <xsl:value-of select="label[@lang = $pd-lang]"/>
        <xsl:if test="@required = 'yes'">
          <xsl:text> </xsl:text>
          <span class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.required_for_topic'"/></xsl:call-template></span>
        </xsl:if>
      </label>
      <xsl:choose>
        <xsl:when test="@kind = 'choice'">
          <select id="{@name}" name="{@name}">
            <xsl:call-template name="invalid"><xsl:with-param name="name" select="@name"/></xsl:call-template>
            <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'newrequest.choose'"/></xsl:call-template></option>
            <xsl:for-each select="choice">
              <option value="{.}">
                <xsl:if test=". = $value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="."/>
              </option>
            </xsl:for-each>
          </select>
        </xsl:when>
        <xsl:otherwise>
          <input id="{@name}" name="{@name}" value="{$value}">
            <xsl:choose>
              <xsl:when test="@kind = 'date'"><xsl:attribute name="type">date</xsl:attribute></xsl:when>
              <xsl:otherwise>
                <xsl:attribute name="type">text</xsl:attribute>
                <xsl:attribute name="maxlength">200</xsl:attribute>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:if test="@kind = 'number'"><xsl:attribute name="inputmode">decimal</xsl:attribute></xsl:if>
            <xsl:call-template name="invalid"><xsl:with-param name="name" select="@name"/></xsl:call-template>
          </input>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="@name"/></xsl:call-template>
    </div>
  </xsl:template>

  <!-- Marks a field that came back with an error, for screen readers. -->
  <xsl:template name="invalid">
    <xsl:param name="name"/>
    <xsl:if test="/page/errors/error[@field = $name]">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- A severity with its business impact and response target; offered
       unless the model says the severity rule refuses it. -->
  <xsl:template name="severity-choice">
    <xsl:param name="level"/>
    <xsl:variable name="offered" select="not($nr/severities/severity[@level = $level]/@refused)"/>
    <div class="choice">
      <label class="inline">
        <input type="radio" name="severity" value="{$level}">
          <xsl:if test="$draft/severity = $level"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          <xsl:if test="not($offered)"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
        </input>
        <strong><xsl:call-template name="t"><xsl:with-param name="k" select="concat('severity.', $level)"/></xsl:call-template></strong>
      </label>
      <p class="hint">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('newrequest.impact.', $level)"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('newrequest.target.', $level)"/></xsl:call-template>
      </p>
    </div>
  </xsl:template>
</xsl:stylesheet>
