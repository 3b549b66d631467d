<?xml version="1.0" encoding="UTF-8"?>
<!-- The operator's forms on a request (log a contact, re-rate, flag,
     withdraw a flag, link to an incident), shared by the request page and the page of a
     refused action.  draft holds what was typed, if anything. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="work-form">
    <xsl:param name="action"/>
    <xsl:param name="id"/>
    <xsl:param name="draft" select="/.."/>
    <form method="post" action="/requests/{$id}/{$action}" class="work-{$action}">
      <xsl:call-template name="csrf-field"/>
      <xsl:choose>
        <xsl:when test="$action = 'contacts'">
          <p class="field">
            <label for="method"><xsl:call-template name="t"><xsl:with-param name="k" select="'work.method'"/></xsl:call-template></label>
            <select id="method" name="method">
              <option value="phone"><xsl:if test="$draft/method = 'phone'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="'work.method.phone'"/></xsl:call-template></option>
              <option value="email"><xsl:if test="$draft/method = 'email'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="'work.method.email'"/></xsl:call-template></option>
            </select>
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'method'"/></xsl:call-template>
          </p>
          <p class="field">
            <label for="at"><xsl:call-template name="t"><xsl:with-param name="k" select="'work.at'"/></xsl:call-template></label>
            <input type="datetime-local" id="at" name="at" value="{$draft/at}"/>
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'at'"/></xsl:call-template>
          </p>
          <p class="field">
            <label for="summary"><xsl:call-template name="t"><xsl:with-param name="k" select="'work.summary'"/></xsl:call-template></label>
            <textarea id="summary" name="summary" rows="3" maxlength="20000" required="required"><xsl:value-of select="$draft/summary"/></textarea>
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'summary'"/></xsl:call-template>
          </p>
          <p class="field">
            <input type="checkbox" id="visibility" name="visibility" value="public">
              <xsl:if test="$draft/visibility = 'public'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <xsl:text> </xsl:text>
            <label for="visibility"><xsl:call-template name="t"><xsl:with-param name="k" select="'work.share'"/></xsl:call-template></label>
          </p>
        </xsl:when>
        <xsl:when test="$action = 'severity'">
          <p class="field">
            <label for="severity"><xsl:call-template name="t"><xsl:with-param name="k" select="'work.new_severity'"/></xsl:call-template></label>
            <select id="severity" name="severity">
              <option value="A"><xsl:if test="$draft/severity = 'A'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.A'"/></xsl:call-template></option>
              <option value="B"><xsl:if test="$draft/severity = 'B'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.B'"/></xsl:call-template></option>
              <option value="C"><xsl:if test="$draft/severity = 'C'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="'severity.C'"/></xsl:call-template></option>
            </select>
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'severity'"/></xsl:call-template>
          </p>
          <xsl:call-template name="work-text"><xsl:with-param name="draft" select="$draft"/><xsl:with-param name="k" select="'work.severity_reason'"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="$action = 'flag'">
          <p class="field">
            <label for="reason"><xsl:call-template name="t"><xsl:with-param name="k" select="'work.reason'"/></xsl:call-template></label>
            <select id="reason" name="reason">
              <xsl:call-template name="reason-option"><xsl:with-param name="v" select="'partner_scope'"/><xsl:with-param name="draft" select="$draft"/></xsl:call-template>
              <xsl:call-template name="reason-option"><xsl:with-param name="v" select="'self_help'"/><xsl:with-param name="draft" select="$draft"/></xsl:call-template>
              <xsl:call-template name="reason-option"><xsl:with-param name="v" select="'active_incident'"/><xsl:with-param name="draft" select="$draft"/></xsl:call-template>
              <xsl:call-template name="reason-option"><xsl:with-param name="v" select="'customer_config'"/><xsl:with-param name="draft" select="$draft"/></xsl:call-template>
              <xsl:call-template name="reason-option"><xsl:with-param name="v" select="'other'"/><xsl:with-param name="draft" select="$draft"/></xsl:call-template>
            </select>
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'reason'"/></xsl:call-template>
          </p>
          <p class="field">
            <label for="comment"><xsl:call-template name="t"><xsl:with-param name="k" select="'work.comment'"/></xsl:call-template></label>
            <textarea id="comment" name="comment" rows="3" maxlength="20000" required="required"><xsl:value-of select="$draft/comment"/></textarea>
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'comment'"/></xsl:call-template>
          </p>
        </xsl:when>
        <xsl:when test="$action = 'incident'">
          <p class="field">
            <label for="incident"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.incident'"/></xsl:call-template></label>
            <input type="text" inputmode="numeric" id="incident" name="incident" value="{$draft/incident}" maxlength="20"/>
            <span class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'work.incident_hint'"/></xsl:call-template></span>
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'incident'"/></xsl:call-template>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="work-text"><xsl:with-param name="draft" select="$draft"/><xsl:with-param name="k" select="'work.unflag_reason'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('work.', $action)"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <xsl:template name="work-text">
    <xsl:param name="draft"/>
    <xsl:param name="k"/>
    <p class="field">
      <label for="work-text-{generate-id()}"><xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template></label>
      <textarea id="work-text-{generate-id()}" name="text" rows="2" maxlength="20000" required="required"><xsl:value-of select="$draft/text"/></textarea>
      <!-- On the request page, errors of "text" are another form's. -->
      <xsl:if test="$draft">
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'text'"/></xsl:call-template>
      </xsl:if>
    </p>
  </xsl:template>

  <xsl:template name="reason-option">
    <xsl:param name="v"/>
    <xsl:param name="draft"/>
    <option value="{$v}">
      <xsl:if test="$draft/reason = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('flag.', $v)"/></xsl:call-template>
    </option>
  </xsl:template>
</xsl:stylesheet>
