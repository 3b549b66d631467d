<?xml version="1.0" encoding="UTF-8"?>
<!-- The SLA policy (operator admin): the current version's targets with
     the form that changes one, or an older version; every version.  A
     refused form comes back with <draft form="target"> and <errors>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form-fields.xsl"/>

  <xsl:variable name="c" select="/page/policy"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'policy.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'policy.title'"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:value-of select="$c/versions/version[@id = $c/@version]/name"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'policy.version'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:value-of select="$c/@version"/>
    </h1>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.versions_hint'"/></xsl:call-template></p>
    <xsl:if test="$c/@view = 'version' and $c/versions/version[@id = $c/@version]/retired">
      <p>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'policy.retired_version'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <a href="/admin/sla"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.current'"/></xsl:call-template></a>
      </p>
    </xsl:if>
    <xsl:call-template name="targets"/>
    <xsl:if test="$c/editing or $c/draft">
      <xsl:call-template name="target-form"/>
    </xsl:if>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.versions'"/></xsl:call-template></h2>
    <table>
      <thead>
        <tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.version'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.made'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.replaced'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$c/versions/version">
          <tr>
            <td><a href="/admin/sla/{@id}"><xsl:value-of select="name"/><xsl:text> </xsl:text><xsl:value-of select="@id"/></a></td>
            <td>
              <xsl:for-each select="created"><xsl:call-template name="time"/></xsl:for-each>
              <xsl:if test="by"><xsl:text> · </xsl:text><xsl:value-of select="by"/></xsl:if>
            </td>
            <td>
              <xsl:choose>
                <xsl:when test="retired"><xsl:for-each select="retired"><xsl:call-template name="time"/></xsl:for-each></xsl:when>
                <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.current'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="targets">
    <table>
      <thead>
        <tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.target'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.severity'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.topics'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.minutes'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.calendar'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.pause'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.warn'"/></xsl:call-template></th>
          <xsl:if test="$c/@view = 'current'">
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.change'"/></xsl:call-template></th>
          </xsl:if>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$c/targets/target">
          <tr>
            <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('clock.target.', @kind)"/></xsl:call-template></td>
            <td><xsl:value-of select="@severity"/></td>
            <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('policy.kind.', @topics)"/></xsl:call-template></td>
            <td><xsl:value-of select="@minutes"/></td>
            <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('policy.calendar.', @calendar)"/></xsl:call-template></td>
            <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('policy.pause.', @pause)"/></xsl:call-template></td>
            <td><xsl:value-of select="@warn"/> %</td>
            <xsl:if test="$c/@view = 'current'">
              <td><a href="/admin/sla?target={@kind}&amp;severity={@severity}&amp;kind={@topics}#minutes"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.edit'"/></xsl:call-template></a></td>
            </xsl:if>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- One target's form; which target it is travels in hidden fields. -->
  <xsl:template name="target-form">
    <xsl:variable name="e" select="$c/editing"/>
    <xsl:variable name="which" select="($c/draft | $e)[1]"/>
    <xsl:variable name="target" select="string($c/draft/target | $e/@kind)"/>
    <xsl:variable name="sev" select="string($c/draft/severity | $e/@severity)"/>
    <xsl:variable name="kind" select="string($c/draft/kind | $e/@topics)"/>
    <h2>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'policy.change'"/></xsl:call-template>
      <xsl:if test="$which">
        <xsl:text>: </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('clock.target.', $target)"/></xsl:call-template>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="$sev"/>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('policy.kind.', $kind)"/></xsl:call-template>
      </xsl:if>
    </h2>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.change_hint'"/></xsl:call-template></p>
    <form method="post" action="/admin/sla">
      <xsl:call-template name="csrf-field"/>
      <input type="hidden" name="target" value="{$target}"/>
      <input type="hidden" name="severity" value="{$sev}"/>
      <input type="hidden" name="kind" value="{$kind}"/>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'target'"/></xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="form" select="'target'"/>
        <xsl:with-param name="name" select="'minutes'"/>
        <xsl:with-param name="current" select="$e/@minutes"/>
        
        <xsl:with-param name="max" select="6"/>
        <xsl:with-param name="required" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="select">
        <xsl:with-param name="form" select="'target'"/>
        <xsl:with-param name="name" select="'calendar'"/>
        <xsl:with-param name="current" select="$e/@calendar"/>
        <xsl:with-param name="values" select="'24x7 extended business '"/>
        <xsl:with-param name="prefix" select="'policy.calendar.'"/>
      </xsl:call-template>
      <xsl:call-template name="select">
        <xsl:with-param name="form" select="'target'"/>
        <xsl:with-param name="name" select="'pause'"/>
        <xsl:with-param name="current" select="$e/@pause"/>
        <xsl:with-param name="values" select="'attention_needed none '"/>
        <xsl:with-param name="prefix" select="'policy.pause.'"/>
      </xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="form" select="'target'"/>
        <xsl:with-param name="name" select="'warn'"/>
        <xsl:with-param name="current" select="$e/@warn"/>
        
        <xsl:with-param name="max" select="2"/>
        <xsl:with-param name="required" select="true()"/>
      </xsl:call-template>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'policy.save'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>
</xsl:stylesheet>
